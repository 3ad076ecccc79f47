/** Messages of the CSV import dialog, fi, sv and en side by side. */
export const importsEn = {
  'import.button': 'Import',
  'import.title': 'Import notes from a CSV file',
  'import.intro':
    'Choose a CSV file (from Excel or another spreadsheet), say which column holds what, check the preview, then import. At most {rows} rows and {mb} MB.',
  'import.file': 'CSV file',
  'import.header': 'The first row holds column names',
  'import.column': 'Column',
  'import.columnNone': '(not imported)',
  'import.field.text': 'Note text (required)',
  'import.field.color': 'Colour (yellow, blue, …)',
  'import.field.topic': 'Topic (a cluster per topic)',
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
};

type ImportMessages = Record<keyof typeof importsEn, string>;

export const importsFi: ImportMessages = {
  'import.button': 'Tuo',
  'import.title': 'Tuo lappuja CSV-tiedostosta',
  'import.intro':
    'Valitse CSV-tiedosto (Excelistä tai muusta taulukko-ohjelmasta), kerro mikä sarake sisältää mitäkin, tarkista esikatselu ja tuo. Enintään {rows} riviä ja {mb} Mt.',
  'import.file': 'CSV-tiedosto',
  'import.header': 'Ensimmäisellä rivillä on sarakkeiden nimet',
  'import.column': 'Sarake',
  'import.columnNone': '(ei tuoda)',
  'import.field.text': 'Lapun teksti (pakollinen)',
  'import.field.color': 'Väri (yellow, blue, …)',
  'import.field.topic': 'Aihe (ryhmä kustakin aiheesta)',
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
};

export const importsSv: ImportMessages = {
  'import.button': 'Importera',
  'import.title': 'Importera lappar från en CSV-fil',
  'import.intro':
    'Välj en CSV-fil (från Excel eller ett annat kalkylprogram), ange vilken kolumn som innehåller vad, kontrollera förhandsvisningen och importera. Högst {rows} rader och {mb} MB.',
  'import.file': 'CSV-fil',
  'import.header': 'Första raden innehåller kolumnnamn',
  'import.column': 'Kolumn',
  'import.columnNone': '(importeras inte)',
  'import.field.text': 'Lappens text (obligatorisk)',
  'import.field.color': 'Färg (yellow, blue, …)',
  'import.field.topic': 'Ämne (en grupp per ämne)',
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
};
