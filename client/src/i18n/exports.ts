/**
 * Messages of the export dialog (formats, progress, every refusal the server can answer), in
 * all three languages side by side. Spread into the catalogues.
 */
export const exportsEn = {
  'export.button': 'Export',
  'export.title': 'Export the board',
  'export.intro':
    'Files are made on the server from the board as it is now. Votes appear once revealed; comments awaiting moderation are left out.',
  'export.format.pdf': 'PDF report',
  'export.format.pdf.about': 'Overview, a page per topic, the roadmap, votes and comments.',
  'export.format.md': 'Markdown report',
  'export.format.md.about': 'The same report as text, for a wiki or a document.',
  'export.format.csv': 'Notes as CSV',
  'export.format.csv.about':
    'One row per note: topic, roadmap cell, text, author, organisation, votes, comments.',
  'export.format.xlsx': 'Excel workbook',
  'export.format.xlsx.about': 'Notes, roadmap, vote results and comments on their own sheets.',
  'export.format.png': 'Image (PNG)',
  'export.format.png.about':
    'The board, or the part chosen above, as a picture; big boards too, at full size.',
  'export.format.svg': 'Image (SVG)',
  'export.format.svg.about': 'The board, or the part chosen above, as a sharp vector image.',
  'export.format.json': 'Backup (JSON)',
  'export.format.json.about': 'The whole board, to be imported again later.',
  'export.download': 'Download',
  'export.downloadFormat': 'Download {format}',
  'export.queued': 'Waiting for its turn…',
  'export.running': 'Preparing {format}: {percent} %',
  'export.done': '{file} is ready and was downloaded.',
  'export.again': 'Download again',
  'export.error.noAccess':
    'Your link does not allow exporting any more. Ask the facilitator for a new link.',
  'export.error.forbidden': 'Only facilitators and viewers can export this board.',
  'export.error.busy': 'The server is busy with other exports. Try again in a minute.',
  'export.error.expired': 'The file is no longer kept on the server. Export it again.',
  'export.error.failed': 'The export failed on the server. Try again, or try another format.',
  'export.error.emptyScope':
    'That part of the board is empty now. Choose another part or the whole board.',
  'export.scope': 'Picture of',
  'export.scope.about': 'For PNG and SVG: the whole board, or only a part of it.',
  'export.scope.board': 'The whole board',
  'export.scope.selection': 'The selected notes ({count})',
  'export.scope.cluster': 'Topic: {title}',
  'export.scope.roadmap': 'The roadmap',
  'export.error.network': 'The server cannot be reached. Check the connection and try again.',
};

type ExportMessages = Record<keyof typeof exportsEn, string>;

export const exportsFi: ExportMessages = {
  'export.button': 'Vie',
  'export.title': 'Vie taulu tiedostoon',
  'export.intro':
    'Tiedostot tehdään palvelimella taulusta sellaisena kuin se on nyt. Äänet näkyvät, kun tulokset on julkaistu; moderointia odottavat kommentit jätetään pois.',
  'export.format.pdf': 'PDF-raportti',
  'export.format.pdf.about': 'Yleiskuva, sivu kustakin aiheesta, tiekartta, äänet ja kommentit.',
  'export.format.md': 'Markdown-raportti',
  'export.format.md.about': 'Sama raportti tekstinä wikiin tai asiakirjaan.',
  'export.format.csv': 'Laput CSV-tiedostona',
  'export.format.csv.about':
    'Rivi lappua kohden: aihe, tiekartan solu, teksti, kirjoittaja, organisaatio, äänet, kommentit.',
  'export.format.xlsx': 'Excel-työkirja',
  'export.format.xlsx.about':
    'Laput, tiekartta, äänestysten tulokset ja kommentit omilla välilehdillään.',
  'export.format.png': 'Kuva (PNG)',
  'export.format.png.about': 'Taulu tai yllä valittu osa kuvana, isotkin taulut täysikokoisina.',
  'export.format.svg': 'Kuva (SVG)',
  'export.format.svg.about': 'Taulu tai yllä valittu osa terävänä vektorikuvana.',
  'export.format.json': 'Varmuuskopio (JSON)',
  'export.format.json.about': 'Koko taulu myöhempää tuontia varten.',
  'export.download': 'Lataa',
  'export.downloadFormat': 'Lataa {format}',
  'export.queued': 'Odottaa vuoroaan…',
  'export.running': 'Valmistellaan: {format} {percent} %',
  'export.done': '{file} on valmis ja ladattu.',
  'export.again': 'Lataa uudelleen',
  'export.error.noAccess':
    'Linkilläsi ei voi enää viedä tiedostoja. Pyydä fasilitaattorilta uusi linkki.',
  'export.error.forbidden': 'Vain fasilitaattorit ja katselijat voivat viedä tämän taulun.',
  'export.error.busy': 'Palvelin tekee muita vientejä. Yritä uudelleen hetken kuluttua.',
  'export.error.expired': 'Tiedostoa ei enää säilytetä palvelimella. Vie se uudelleen.',
  'export.error.failed':
    'Vienti epäonnistui palvelimella. Yritä uudelleen tai valitse toinen muoto.',
  'export.error.emptyScope': 'Se taulun osa on nyt tyhjä. Valitse toinen osa tai koko taulu.',
  'export.scope': 'Kuva alueesta',
  'export.scope.about': 'PNG- ja SVG-kuville: koko taulu tai vain osa siitä.',
  'export.scope.board': 'Koko taulu',
  'export.scope.selection': 'Valitut laput ({count})',
  'export.scope.cluster': 'Aihe: {title}',
  'export.scope.roadmap': 'Tiekartta',
  'export.error.network': 'Palvelimeen ei saada yhteyttä. Tarkista yhteys ja yritä uudelleen.',
};

export const exportsSv: ExportMessages = {
  'export.button': 'Exportera',
  'export.title': 'Exportera tavlan',
  'export.intro':
    'Filerna görs på servern av tavlan som den är nu. Röster syns när resultaten har visats; kommentarer som väntar på moderering lämnas bort.',
  'export.format.pdf': 'PDF-rapport',
  'export.format.pdf.about': 'Översikt, en sida per ämne, färdplanen, röster och kommentarer.',
  'export.format.md': 'Markdown-rapport',
  'export.format.md.about': 'Samma rapport som text, för en wiki eller ett dokument.',
  'export.format.csv': 'Lappar som CSV',
  'export.format.csv.about':
    'En rad per lapp: ämne, färdplanens cell, text, författare, organisation, röster, kommentarer.',
  'export.format.xlsx': 'Excel-arbetsbok',
  'export.format.xlsx.about':
    'Lappar, färdplan, omröstningarnas resultat och kommentarer på egna blad.',
  'export.format.png': 'Bild (PNG)',
  'export.format.png.about':
    'Tavlan eller delen som valts ovan som bild, även stora tavlor i full storlek.',
  'export.format.svg': 'Bild (SVG)',
  'export.format.svg.about': 'Tavlan eller delen som valts ovan som skarp vektorbild.',
  'export.format.json': 'Säkerhetskopia (JSON)',
  'export.format.json.about': 'Hela tavlan, för att importeras igen senare.',
  'export.download': 'Ladda ner',
  'export.downloadFormat': 'Ladda ner {format}',
  'export.queued': 'Väntar på sin tur…',
  'export.running': 'Förbereder {format}: {percent} %',
  'export.done': '{file} är klar och har laddats ner.',
  'export.again': 'Ladda ner igen',
  'export.error.noAccess': 'Din länk tillåter inte längre export. Be facilitatorn om en ny länk.',
  'export.error.forbidden': 'Endast facilitatorer och tittare kan exportera den här tavlan.',
  'export.error.busy': 'Servern är upptagen med andra exporter. Försök igen om en minut.',
  'export.error.expired': 'Filen finns inte längre kvar på servern. Exportera den igen.',
  'export.error.failed':
    'Exporten misslyckades på servern. Försök igen eller välj ett annat format.',
  'export.error.emptyScope': 'Den delen av tavlan är tom nu. Välj en annan del eller hela tavlan.',
  'export.scope': 'Bild av',
  'export.scope.about': 'För PNG och SVG: hela tavlan eller bara en del av den.',
  'export.scope.board': 'Hela tavlan',
  'export.scope.selection': 'De markerade lapparna ({count})',
  'export.scope.cluster': 'Ämne: {title}',
  'export.scope.roadmap': 'Färdplanen',
  'export.error.network': 'Servern kan inte nås. Kontrollera anslutningen och försök igen.',
};
