/** Messages of the CSV import dialog, fi, sv and en side by side. */
export const importsEn = {
  'import.button': 'Import',
  'import.title': 'Import',
  'import.csv.title': 'Notes from a CSV file',
  'import.intro':
    'Choose a CSV file (from Excel or another spreadsheet), say which column holds what, check the preview, then import. At most {rows} rows and {mb} MB.',
  'import.file': 'CSV file',
  'import.header': 'The first row holds column names',
  'import.column': 'Column',
  'import.columnNone': '(not imported)',
  'import.field.text': 'Note text (required)',
  'import.field.color': 'Colour (yellow, blue, …)',
  'import.field.topic': 'Topic (notes with the same topic are grouped)',
  'import.field.author': 'Author',
  'import.field.organisation': 'Organisation',
  'import.preview': 'Preview: {count} notes',
  'import.previewMore': '… and {count} more',
  'import.skipped': '{count} rows without text are left out.',
  'import.cut': '{count} texts longer than {max} characters are cut.',
  'import.colors': '{count} colours are unknown: those notes get the default colour.',
  'import.tooMany': 'Only the first {max} rows are imported; {count} more are left out.',
  'import.run': 'Import {count} notes',
  'import.done': '{count} notes imported. Undo takes them all back.',
  'import.error.tooBig': 'The file is larger than {mb} MB. Split it into smaller files.',
  'import.error.unreadable':
    'The file could not be read as text. Save it as CSV (UTF-8) and try again.',
  'import.error.empty': 'The file has no rows.',
  'import.backup.title': 'A board from a Paja backup (JSON)',
  'import.backup.intro':
    'Choose a file made with Export → JSON. It becomes a new board, or this board if nothing is on it yet. At most {mb} MB.',
  'import.backup.file': 'Backup file (JSON)',
  'import.backup.onto': 'Import onto this board',
  'import.backup.asNew': 'Import as a new board',
  'import.backup.notEmptyHint':
    'This board has content, so the backup can only become a new board.',
  'import.backup.doneOnto': 'The backup is now on this board.',
  'import.backup.doneNew': 'A new board was made from the backup.',
  'import.backup.error.tooBig': 'The file is larger than {mb} MB.',
  'import.backup.error.notJson': 'The file is not JSON. Choose a file made with Export → JSON.',
  'import.backup.error.notBackup':
    'The file is not a Paja board backup. Choose a file made with Export → JSON.',
  'import.backup.error.version':
    'The backup was made by another version of Paja that this one cannot read.',
  'import.backup.error.noState':
    'The backup has no board in it. It may have been cut short: export it again.',
  'import.backup.error.empty': 'The backup holds an empty board.',
  'import.backup.error.unreadable':
    'The board in the backup cannot be read. It may be damaged: export it again.',
  'import.backup.error.notEmpty':
    'This board has content already. Import the backup as a new board.',
  'import.backup.error.fileType':
    'A picture or file in the backup is not what its type says, so nothing was imported. Export the board again.',
  'import.backup.error.fileTooBig':
    'A picture or file in the backup is larger than this server takes, so nothing was imported.',
  'import.backup.error.boardFull':
    'The board and its pictures and files are larger than a board may be here, so nothing was imported.',
  'import.backup.error.fileUnnamed':
    'The backup has a picture or file that nothing on its board uses, so nothing was imported. Export the board again.',
  'import.backup.error.fileBroken':
    'A picture or file in the backup is damaged or cut short, so nothing was imported. Export the board again.',
  'import.backup.error.forbidden':
    'Your link does not allow importing here. Ask for a new facilitator link.',
  'import.backup.error.throttled':
    'Too many boards were made from here. Wait a while and try again.',
  'import.backup.error.failed': 'The server could not import it. Try again.',
  'import.backup.error.network':
    'The server cannot be reached. Check the connection and try again.',
};

type ImportMessages = Record<keyof typeof importsEn, string>;

export const importsFi: ImportMessages = {
  'import.button': 'Tuo',
  'import.title': 'Tuo taululle',
  'import.csv.title': 'Lappuja CSV-tiedostosta',
  'import.intro':
    'Valitse CSV-tiedosto (Excelistä tai muusta taulukko-ohjelmasta), kerro mikä sarake sisältää mitäkin, tarkista esikatselu ja tuo. Enintään {rows} riviä ja {mb} Mt.',
  'import.file': 'CSV-tiedosto',
  'import.header': 'Ensimmäisellä rivillä on sarakkeiden nimet',
  'import.column': 'Sarake',
  'import.columnNone': '(ei tuoda)',
  'import.field.text': 'Lapun teksti (pakollinen)',
  'import.field.color': 'Väri (yellow, blue, …)',
  'import.field.topic': 'Aihe (saman aiheen laput ryhmitellään yhteen)',
  'import.field.author': 'Kirjoittaja',
  'import.field.organisation': 'Organisaatio',
  'import.preview': 'Esikatselu: {count} lappua',
  'import.previewMore': '… ja {count} muuta',
  'import.skipped': '{count} riviä ilman tekstiä jätetään pois.',
  'import.cut': '{count} yli {max} merkin tekstiä lyhennetään.',
  'import.colors': '{count} väriä on tuntematon: ne laput saavat oletusvärin.',
  'import.tooMany': 'Vain {max} ensimmäistä riviä tuodaan; {count} jätetään pois.',
  'import.run': 'Tuo {count} lappua',
  'import.done': '{count} lappua tuotu. Kumoa poistaa ne kaikki.',
  'import.error.tooBig': 'Tiedosto on yli {mb} Mt. Jaa se pienempiin tiedostoihin.',
  'import.error.unreadable':
    'Tiedostoa ei voitu lukea tekstinä. Tallenna se CSV-muodossa (UTF-8) ja yritä uudelleen.',
  'import.error.empty': 'Tiedostossa ei ole rivejä.',
  'import.backup.title': 'Taulu Pajan varmuuskopiosta (JSON)',
  'import.backup.intro':
    'Valitse tiedosto, joka on tehty toiminnolla Vie → JSON. Siitä tulee uusi taulu, tai tämä taulu, jos tällä ei vielä ole mitään. Enintään {mb} Mt.',
  'import.backup.file': 'Varmuuskopiotiedosto (JSON)',
  'import.backup.onto': 'Tuo tälle taululle',
  'import.backup.asNew': 'Tuo uudeksi tauluksi',
  'import.backup.notEmptyHint':
    'Tällä taululla on jo sisältöä, joten varmuuskopiosta voi tehdä vain uuden taulun.',
  'import.backup.doneOnto': 'Varmuuskopio on nyt tällä taululla.',
  'import.backup.doneNew': 'Varmuuskopiosta tehtiin uusi taulu.',
  'import.backup.error.tooBig': 'Tiedosto on suurempi kuin {mb} Mt.',
  'import.backup.error.notJson':
    'Tiedosto ei ole JSONia. Valitse tiedosto, joka on tehty toiminnolla Vie → JSON.',
  'import.backup.error.notBackup':
    'Tiedosto ei ole Pajan taulun varmuuskopio. Valitse tiedosto, joka on tehty toiminnolla Vie → JSON.',
  'import.backup.error.version': 'Varmuuskopio on tehty Pajan versiolla, jota tämä ei osaa lukea.',
  'import.backup.error.noState':
    'Varmuuskopiossa ei ole taulua. Se on ehkä katkennut: vie taulu uudelleen.',
  'import.backup.error.empty': 'Varmuuskopiossa on tyhjä taulu.',
  'import.backup.error.unreadable':
    'Varmuuskopion taulua ei voi lukea. Se voi olla vioittunut: vie taulu uudelleen.',
  'import.backup.error.notEmpty':
    'Tällä taululla on jo sisältöä. Tuo varmuuskopio uudeksi tauluksi.',
  'import.backup.error.fileType':
    'Varmuuskopiossa on kuva tai tiedosto, joka ei ole sitä, mitä sen tyyppi sanoo, joten mitään ei tuotu. Vie taulu uudelleen.',
  'import.backup.error.fileTooBig':
    'Varmuuskopiossa on kuva tai tiedosto, joka on suurempi kuin tämä palvelin ottaa vastaan, joten mitään ei tuotu.',
  'import.backup.error.boardFull':
    'Taulu kuvineen ja tiedostoineen on suurempi kuin taulu täällä saa olla, joten mitään ei tuotu.',
  'import.backup.error.fileUnnamed':
    'Varmuuskopiossa on kuva tai tiedosto, jota mikään sen taulun kohde ei käytä, joten mitään ei tuotu. Vie taulu uudelleen.',
  'import.backup.error.fileBroken':
    'Varmuuskopiossa on vioittunut tai katkennut kuva tai tiedosto, joten mitään ei tuotu. Vie taulu uudelleen.',
  'import.backup.error.forbidden':
    'Linkkisi ei salli tuontia tähän. Pyydä uusi fasilitaattorin linkki.',
  'import.backup.error.throttled':
    'Täältä on tehty liian monta taulua. Odota hetki ja yritä uudelleen.',
  'import.backup.error.failed': 'Palvelin ei voinut tuoda sitä. Yritä uudelleen.',
  'import.backup.error.network':
    'Palvelimeen ei saada yhteyttä. Tarkista yhteys ja yritä uudelleen.',
};

export const importsSv: ImportMessages = {
  'import.button': 'Importera',
  'import.title': 'Importera',
  'import.csv.title': 'Lappar från en CSV-fil',
  'import.intro':
    'Välj en CSV-fil (från Excel eller ett annat kalkylprogram), ange vilken kolumn som innehåller vad, kontrollera förhandsvisningen och importera. Högst {rows} rader och {mb} MB.',
  'import.file': 'CSV-fil',
  'import.header': 'Första raden innehåller kolumnnamn',
  'import.column': 'Kolumn',
  'import.columnNone': '(importeras inte)',
  'import.field.text': 'Lappens text (obligatorisk)',
  'import.field.color': 'Färg (yellow, blue, …)',
  'import.field.topic': 'Ämne (lappar med samma ämne grupperas)',
  'import.field.author': 'Författare',
  'import.field.organisation': 'Organisation',
  'import.preview': 'Förhandsvisning: {count} lappar',
  'import.previewMore': '… och {count} till',
  'import.skipped': '{count} rader utan text lämnas bort.',
  'import.cut': '{count} texter längre än {max} tecken kortas.',
  'import.colors': '{count} färger är okända: de lapparna får standardfärgen.',
  'import.tooMany': 'Endast de första {max} raderna importeras; {count} lämnas bort.',
  'import.run': 'Importera {count} lappar',
  'import.done': '{count} lappar importerade. Ångra tar bort dem alla.',
  'import.error.tooBig': 'Filen är större än {mb} MB. Dela upp den i mindre filer.',
  'import.error.unreadable':
    'Filen kunde inte läsas som text. Spara den som CSV (UTF-8) och försök igen.',
  'import.error.empty': 'Filen har inga rader.',
  'import.backup.title': 'En tavla från en säkerhetskopia av Paja (JSON)',
  'import.backup.intro':
    'Välj en fil som gjorts med Exportera → JSON. Den blir en ny tavla, eller den här tavlan om inget finns på den ännu. Högst {mb} MB.',
  'import.backup.file': 'Säkerhetskopia (JSON)',
  'import.backup.onto': 'Importera till den här tavlan',
  'import.backup.asNew': 'Importera som ny tavla',
  'import.backup.notEmptyHint':
    'Den här tavlan har redan innehåll, så säkerhetskopian kan bara bli en ny tavla.',
  'import.backup.doneOnto': 'Säkerhetskopian finns nu på den här tavlan.',
  'import.backup.doneNew': 'En ny tavla gjordes av säkerhetskopian.',
  'import.backup.error.tooBig': 'Filen är större än {mb} MB.',
  'import.backup.error.notJson': 'Filen är inte JSON. Välj en fil som gjorts med Exportera → JSON.',
  'import.backup.error.notBackup':
    'Filen är inte en säkerhetskopia av en Paja-tavla. Välj en fil som gjorts med Exportera → JSON.',
  'import.backup.error.version':
    'Säkerhetskopian gjordes av en version av Paja som den här inte kan läsa.',
  'import.backup.error.noState':
    'Säkerhetskopian innehåller ingen tavla. Den kan ha kapats: exportera igen.',
  'import.backup.error.empty': 'Säkerhetskopian innehåller en tom tavla.',
  'import.backup.error.unreadable':
    'Tavlan i säkerhetskopian kan inte läsas. Den kan vara skadad: exportera igen.',
  'import.backup.error.notEmpty':
    'Den här tavlan har redan innehåll. Importera säkerhetskopian som en ny tavla.',
  'import.backup.error.fileType':
    'En bild eller fil i säkerhetskopian är inte det som dess typ säger, så inget importerades. Exportera tavlan på nytt.',
  'import.backup.error.fileTooBig':
    'En bild eller fil i säkerhetskopian är större än den här servern tar emot, så inget importerades.',
  'import.backup.error.boardFull':
    'Tavlan med sina bilder och filer är större än en tavla får vara här, så inget importerades.',
  'import.backup.error.fileUnnamed':
    'Säkerhetskopian har en bild eller fil som inget på dess tavla använder, så inget importerades. Exportera tavlan på nytt.',
  'import.backup.error.fileBroken':
    'En bild eller fil i säkerhetskopian är skadad eller avbruten, så inget importerades. Exportera tavlan på nytt.',
  'import.backup.error.forbidden':
    'Din länk tillåter inte import här. Be om en ny facilitatorlänk.',
  'import.backup.error.throttled':
    'För många tavlor har gjorts härifrån. Vänta en stund och försök igen.',
  'import.backup.error.failed': 'Servern kunde inte importera den. Försök igen.',
  'import.backup.error.network': 'Servern kan inte nås. Kontrollera anslutningen och försök igen.',
};
