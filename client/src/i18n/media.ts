/**
 * Messages of images, links and attached files (toolbar, canvas, outline, the files panel,
 * every refusal an upload can get), in all three languages side by side. Spread into the
 * catalogues.
 */
export const mediaEn = {
  'toolbar.addImage': 'Add image',
  'toolbar.files': 'Files',
  'media.chooseImage': 'Choose an image to add to the board',
  'media.uploading': 'Adding {name}…',
  'media.added':
    'Image added. Describe it for people who cannot see it: double-click it, or edit it in the list view.',
  'media.linkAdded': 'Link added. Double-click it to give it a title.',
  'media.problem.tooBig': '{name} was not added: the file is too big.',
  'media.problem.tooBigMax':
    '{name} was not added: it is over {megabytes} MB, the most this board takes. Make it smaller and try again.',
  'media.problem.tooManyPixels':
    '{name} was not added: the picture is too large. Paja takes at most 50 megapixels, and at most 20,000 pixels on a side. Make it smaller and try again.',
  'media.problem.notAnImage': '{name} was not added: it is not a PNG, JPEG, WebP or GIF image.',
  'media.problem.typeNotAllowed':
    '{name} was not attached: attach PDF, Word, Excel, PowerPoint, OpenDocument or plain text files.',
  'media.problem.boardFull': '{name} was not added: the board has no room for more files.',
  'media.problem.notAllowed': '{name} was not added: you cannot add files on this board now.',
  'media.problem.offline':
    '{name} was not added: there is no connection to the server. The file is still on your device; try again when you are online.',
  'media.problem.failed': '{name} was not added: the server could not take it. Please try again.',
  'media.problem.private': 'Images can be added once the private brainstorm has ended.',
  'media.alt.placeholder': 'Describe the image for people who cannot see it',
  'media.alt.missing': 'Image without a description',
  'media.image': 'Image: {alt}',
  'media.links': 'Links',
  'media.openLink': '{url} (opens in a new tab)',
  'files.title': 'Files',
  'files.intro': 'Documents for everyone on this board. They open as downloads.',
  'files.add': 'Attach a file',
  'files.empty': 'No files yet.',
  'files.size': '{size} kB',
  'files.delete': 'Delete',
  'files.deleteNamed': 'Delete {name}',
  'files.confirmDelete': 'Delete {name} for everyone?',
  'files.loadFailed': 'The list of files could not be read. Check the connection and try again.',
};

export const mediaFi: Record<keyof typeof mediaEn, string> = {
  'toolbar.addImage': 'Lisää kuva',
  'toolbar.files': 'Tiedostot',
  'media.chooseImage': 'Valitse taululle lisättävä kuva',
  'media.uploading': 'Lisätään {name}…',
  'media.added':
    'Kuva lisätty. Kuvaile se niille, jotka eivät näe sitä: kaksoisnapsauta kuvaa tai muokkaa sitä listanäkymässä.',
  'media.linkAdded': 'Linkki lisätty. Kaksoisnapsauta sitä antaaksesi sille otsikon.',
  'media.problem.tooBig': 'Tiedostoa {name} ei lisätty: se on liian suuri.',
  'media.problem.tooBigMax':
    'Tiedostoa {name} ei lisätty: se on yli {megabytes} Mt, eikä taulu ota suurempia. Pienennä sitä ja yritä uudelleen.',
  'media.problem.tooManyPixels':
    'Kuvaa {name} ei lisätty: kuva on liian suuri. Paja ottaa enintään 50 megapikselin kuvia, joiden kumpikin sivu on enintään 20 000 pikseliä. Pienennä sitä ja yritä uudelleen.',
  'media.problem.notAnImage':
    'Tiedostoa {name} ei lisätty: se ei ole PNG-, JPEG-, WebP- tai GIF-kuva.',
  'media.problem.typeNotAllowed':
    'Tiedostoa {name} ei liitetty: liitä PDF-, Word-, Excel-, PowerPoint-, OpenDocument- tai tekstitiedostoja.',
  'media.problem.boardFull': 'Tiedostoa {name} ei lisätty: taululle ei mahdu enempää tiedostoja.',
  'media.problem.notAllowed':
    'Tiedostoa {name} ei lisätty: et voi lisätä tiedostoja tälle taululle nyt.',
  'media.problem.offline':
    'Tiedostoa {name} ei lisätty: yhteyttä palvelimeen ei ole. Tiedosto on yhä laitteellasi; yritä uudelleen, kun yhteys palaa.',
  'media.problem.failed':
    'Tiedostoa {name} ei lisätty: palvelin ei ottanut sitä vastaan. Yritä uudelleen.',
  'media.problem.private': 'Kuvia voi lisätä, kun yksityinen ideointi on päättynyt.',
  'media.alt.placeholder': 'Kuvaile kuva niille, jotka eivät näe sitä',
  'media.alt.missing': 'Kuva ilman kuvausta',
  'media.image': 'Kuva: {alt}',
  'media.links': 'Linkit',
  'media.openLink': '{url} (avautuu uudessa välilehdessä)',
  'files.title': 'Tiedostot',
  'files.intro': 'Asiakirjat kaikille tämän taulun käyttäjille. Ne avautuvat latauksina.',
  'files.add': 'Liitä tiedosto',
  'files.empty': 'Ei vielä tiedostoja.',
  'files.size': '{size} kt',
  'files.delete': 'Poista',
  'files.deleteNamed': 'Poista {name}',
  'files.confirmDelete': 'Poistetaanko {name} kaikilta?',
  'files.loadFailed': 'Tiedostoluetteloa ei voitu lukea. Tarkista yhteys ja yritä uudelleen.',
};

export const mediaSv: Record<keyof typeof mediaEn, string> = {
  'toolbar.addImage': 'Lägg till bild',
  'toolbar.files': 'Filer',
  'media.chooseImage': 'Välj en bild att lägga till på tavlan',
  'media.uploading': 'Lägger till {name}…',
  'media.added':
    'Bilden har lagts till. Beskriv den för dem som inte ser den: dubbelklicka på den eller redigera den i listvyn.',
  'media.linkAdded': 'Länken har lagts till. Dubbelklicka på den för att ge den en rubrik.',
  'media.problem.tooBig': '{name} lades inte till: filen är för stor.',
  'media.problem.tooBigMax':
    '{name} lades inte till: den är större än {megabytes} MB, det mesta tavlan tar emot. Gör den mindre och försök igen.',
  'media.problem.tooManyPixels':
    '{name} lades inte till: bilden är för stor. Paja tar emot högst 50 megapixlar och högst 20 000 pixlar per sida. Gör den mindre och försök igen.',
  'media.problem.notAnImage':
    '{name} lades inte till: den är ingen PNG-, JPEG-, WebP- eller GIF-bild.',
  'media.problem.typeNotAllowed':
    '{name} bifogades inte: bifoga PDF-, Word-, Excel-, PowerPoint-, OpenDocument- eller textfiler.',
  'media.problem.boardFull': '{name} lades inte till: tavlan har inte plats för fler filer.',
  'media.problem.notAllowed': '{name} lades inte till: du kan inte lägga till filer på tavlan nu.',
  'media.problem.offline':
    '{name} lades inte till: ingen anslutning till servern. Filen finns kvar på din enhet; försök igen när du är uppkopplad.',
  'media.problem.failed': '{name} lades inte till: servern tog inte emot den. Försök igen.',
  'media.problem.private': 'Bilder kan läggas till när den privata idéstormen har avslutats.',
  'media.alt.placeholder': 'Beskriv bilden för dem som inte ser den',
  'media.alt.missing': 'Bild utan beskrivning',
  'media.image': 'Bild: {alt}',
  'media.links': 'Länkar',
  'media.openLink': '{url} (öppnas i en ny flik)',
  'files.title': 'Filer',
  'files.intro': 'Dokument för alla på den här tavlan. De öppnas som nedladdningar.',
  'files.add': 'Bifoga en fil',
  'files.empty': 'Inga filer ännu.',
  'files.size': '{size} kB',
  'files.delete': 'Ta bort',
  'files.deleteNamed': 'Ta bort {name}',
  'files.confirmDelete': 'Ta bort {name} för alla?',
  'files.loadFailed': 'Fillistan kunde inte läsas. Kontrollera anslutningen och försök igen.',
};
