/**
 * Messages of the workshop features (sharing links, joining with an organisation, board
 * settings, "my boards", templates, a full board), kept apart from the main catalogues and
 * spread into them, so each feature's words in all three languages are read side by side.
 * The key sets must match: `fi` and `sv` are typed by the English keys.
 */
export const workshopEn = {
  'share.button': 'Share',
  'share.title': 'Share this board',
  'share.intro':
    'Give each group the link for what they should be able to do. Your own facilitator link is not shown here and stays private.',
  'share.role.participant': 'Participants',
  'share.role.participant.help':
    'Participants can add, write and move notes, and group them into topics. They join with their name.',
  'share.role.moderator': 'Moderators',
  'share.role.moderator.help':
    'Moderators read the board, approve or hide comments, handle flags and can block a commenter. They do not change the board.',
  'share.role.commenter': 'Commenters',
  'share.role.commenter.help':
    'Commenters can read the board and comment on it, but cannot change it.',
  'share.role.viewer': 'Viewers',
  'share.role.viewer.help': 'Viewers can only look at the board.',
  'share.linkLabel': 'Link for {role}',
  'share.copy': 'Copy link',
  'share.copied': 'Copied',
  'share.copyFailed': 'Copying did not work: select the link and copy it yourself.',
  'share.showQr': 'QR code',
  'share.hideQr': 'Hide QR code',
  'share.qrFor': 'QR code for {role}',
  'share.qrLarge': 'Show large',
  'share.qrHint': 'Point a phone camera at the code to open the board.',
  'share.expiry': 'New links work',
  'share.expiry.never': 'until revoked',
  'share.expiry.24': 'for 1 day',
  'share.expiry.168': 'for 1 week',
  'share.expiry.720': 'for 30 days',
  'share.expiresAt': 'Works until {date}',
  'share.noExpiry': 'Works until you revoke it',
  'share.revoke': 'Revoke…',
  'share.revokeConfirm':
    'Stop every link for “{role}” given out so far? People using one are disconnected at once and need the new link. Nothing on the board is lost.',
  'share.revokeOk': 'Revoke links',
  'share.revoked':
    'Earlier links stopped working ({count} connections closed). The link shown now is new.',
  'share.loading': 'Making links…',
  'share.error.noAccess':
    'Your facilitator link no longer works (it was revoked or has expired), so you cannot hand out links. Open the board with a valid facilitator link.',
  'share.error.failed': 'The server could not make the link. Please try again.',

  'full.message':
    'This board is full: it already has as many people as the server allows. This page keeps trying and joins by itself when there is room.',
  'full.banner':
    'The board is full right now. Your changes stay in this browser and are sent when there is room.',
  'full.retryIn': 'Next try in {seconds} s.',
  'full.retryNow': 'Try now',

  'boardTitle.rename': 'Rename the board',
  'boardTitle.label': 'Board title',

  'settings.button': 'Settings',
  'settings.title': 'Board settings',
  'settings.organisations': 'Organisations',
  'settings.organisationsHelp':
    'Participants choose their organisation from this list when they join (for example the municipalities present), or type another.',
  'settings.newOrganisation': 'New organisation',
  'settings.addOrganisation': 'Add',
  'settings.removeOrganisation': 'Remove {name}',
  'settings.noOrganisations': 'No organisations yet.',
  'settings.done': 'Done',

  'name.organisation': 'Organisation (optional)',
  'name.organisationHelp': 'Shown on your notes, so that the group sees who contributed what.',
  'name.organisationPlaceholder': 'Choose from the list or type',

  'orgs.button': 'Organisations',
  'orgs.heading': 'Notes by organisation',
  'orgs.none': 'No organisation',
  'orgs.showAll': 'Show all notes',
  'orgs.filtered': 'Showing only notes from {name}',
  'orgs.empty': 'No notes yet.',
  'orgs.tally': 'Notes: {notes} · people: {people}',
  'settings.tooMany': 'A board lists at most {max} organisations.',

  'role.facilitator': 'Facilitator',
  'role.participant': 'Participant',
  'role.moderator': 'Moderator',
  'role.commenter': 'Commenter',
  'role.viewer': 'Viewer',

  'myBoards.heading': 'My boards',
  'myBoards.help': 'Boards opened in this browser.',
  'myBoards.lastOpened': 'Opened {date}',
  'myBoards.remove': 'Remove from the list',
  'myBoards.removeConfirm':
    'Remove “{title}” from this list? This browser forgets its link; the board itself stays. Keep the link somewhere else if you need it again.',
  'myBoards.removeOk': 'Remove',

  'landing.template': 'Template',
  'landing.templateLanguage': 'Texts in the template are in the language chosen at the top.',
  'landing.error.unknownTemplate':
    'This template is not available on this server any more. Choose another one.',
  // The search's count in words, for a screen reader (the field shows "2 / 5").
  'search.match': 'Match {index} of {count}',
  'search.matches': 'Matches: {count}',
  // The timer button's name: whole minutes, so a screen reader on it is not told every second.
  'timer.minutesLeft': 'less than {count} min left',
} as const;

type WorkshopMessages = Record<keyof typeof workshopEn, string>;

export const workshopFi: WorkshopMessages = {
  'share.button': 'Jaa',
  'share.title': 'Jaa tämä taulu',
  'share.intro':
    'Anna kullekin ryhmälle linkki sen mukaan, mitä heidän pitää voida tehdä. Oma fasilitaattorin linkkisi ei näy tässä, eikä sitä jaeta.',
  'share.role.participant': 'Osallistujat',
  'share.role.participant.help':
    'Osallistujat voivat lisätä, kirjoittaa ja siirtää lappuja sekä ryhmitellä niitä aiheiksi. He liittyvät omalla nimellään.',
  'share.role.moderator': 'Moderaattorit',
  'share.role.moderator.help':
    'Moderaattorit lukevat taulua, hyväksyvät tai piilottavat kommentteja, käsittelevät ilmoitukset ja voivat estää kommentoijan. He eivät muuta taulua.',
  'share.role.commenter': 'Kommentoijat',
  'share.role.commenter.help':
    'Kommentoijat voivat lukea taulua ja kommentoida sitä, mutta eivät voi muuttaa sitä.',
  'share.role.viewer': 'Katselijat',
  'share.role.viewer.help': 'Katselijat voivat vain katsoa taulua.',
  'share.linkLabel': 'Linkki: {role}',
  'share.copy': 'Kopioi linkki',
  'share.copied': 'Kopioitu',
  'share.copyFailed': 'Kopiointi ei onnistunut: valitse linkki ja kopioi se itse.',
  'share.showQr': 'QR-koodi',
  'share.hideQr': 'Piilota QR-koodi',
  'share.qrFor': 'QR-koodi: {role}',
  'share.qrLarge': 'Näytä isona',
  'share.qrHint': 'Osoita koodia puhelimen kameralla, niin taulu aukeaa.',
  'share.expiry': 'Uudet linkit toimivat',
  'share.expiry.never': 'kunnes ne perutaan',
  'share.expiry.24': '1 päivän',
  'share.expiry.168': '1 viikon',
  'share.expiry.720': '30 päivää',
  'share.expiresAt': 'Toimii {date} asti',
  'share.noExpiry': 'Toimii, kunnes perut sen',
  'share.revoke': 'Peru…',
  'share.revokeConfirm':
    'Perutaanko kaikki tähän asti jaetut linkit ryhmälle ”{role}”? Niitä käyttävien yhteys katkeaa heti, ja he tarvitsevat uuden linkin. Taululta ei katoa mitään.',
  'share.revokeOk': 'Peru linkit',
  'share.revoked':
    'Aiemmat linkit lakkasivat toimimasta ({count} yhteyttä suljettiin). Nyt näkyvä linkki on uusi.',
  'share.loading': 'Luodaan linkkejä…',
  'share.error.noAccess':
    'Fasilitaattorin linkkisi ei enää toimi (se on peruttu tai vanhentunut), joten et voi jakaa linkkejä. Avaa taulu voimassa olevalla fasilitaattorin linkillä.',
  'share.error.failed': 'Palvelin ei pystynyt luomaan linkkiä. Yritä uudelleen.',

  'full.message':
    'Taulu on täynnä: siinä on jo niin monta ihmistä kuin palvelin sallii. Sivu yrittää uudelleen ja liittyy itse, kun tilaa vapautuu.',
  'full.banner':
    'Taulu on nyt täynnä. Muutoksesi säilyvät tässä selaimessa ja lähtevät, kun tilaa vapautuu.',
  'full.retryIn': 'Seuraava yritys {seconds} s kuluttua.',
  'full.retryNow': 'Yritä nyt',

  'boardTitle.rename': 'Nimeä taulu uudelleen',
  'boardTitle.label': 'Taulun nimi',

  'settings.button': 'Asetukset',
  'settings.title': 'Taulun asetukset',
  'settings.organisations': 'Organisaatiot',
  'settings.organisationsHelp':
    'Osallistujat valitsevat organisaationsa tästä luettelosta liittyessään (esimerkiksi mukana olevat kunnat) tai kirjoittavat muun.',
  'settings.newOrganisation': 'Uusi organisaatio',
  'settings.addOrganisation': 'Lisää',
  'settings.removeOrganisation': 'Poista {name}',
  'settings.noOrganisations': 'Ei vielä organisaatioita.',
  'settings.done': 'Valmis',

  'name.organisation': 'Organisaatio (vapaaehtoinen)',
  'name.organisationHelp': 'Näkyy lapuissasi, jotta ryhmä näkee, kuka toi mitäkin.',
  'name.organisationPlaceholder': 'Valitse luettelosta tai kirjoita',

  'orgs.button': 'Organisaatiot',
  'orgs.heading': 'Laput organisaatioittain',
  'orgs.none': 'Ei organisaatiota',
  'orgs.showAll': 'Näytä kaikki laput',
  'orgs.filtered': 'Näytetään vain: {name}',
  'orgs.empty': 'Ei vielä lappuja.',
  'orgs.tally': 'Lappuja: {notes} · henkilöitä: {people}',
  'settings.tooMany': 'Taululla voi olla enintään {max} organisaatiota.',

  'role.facilitator': 'Fasilitaattori',
  'role.participant': 'Osallistuja',
  'role.moderator': 'Moderaattori',
  'role.commenter': 'Kommentoija',
  'role.viewer': 'Katselija',

  'myBoards.heading': 'Omat tauluni',
  'myBoards.help': 'Tällä selaimella avatut taulut.',
  'myBoards.lastOpened': 'Avattu {date}',
  'myBoards.remove': 'Poista luettelosta',
  'myBoards.removeConfirm':
    'Poistetaanko ”{title}” tästä luettelosta? Selain unohtaa sen linkin; itse taulu säilyy. Tallenna linkki muualle, jos tarvitset sitä vielä.',
  'myBoards.removeOk': 'Poista',

  'landing.template': 'Pohja',
  'landing.templateLanguage': 'Pohjan tekstit tulevat ylhäältä valitulla kielellä.',
  'landing.error.unknownTemplate':
    'Tämä pohja ei ole enää käytettävissä tällä palvelimella. Valitse toinen.',
  'search.match': 'Osuma {index}, osumia kaikkiaan {count}',
  'search.matches': 'Osumia: {count}',
  'timer.minutesLeft': 'alle {count} min jäljellä',
};

export const workshopSv: WorkshopMessages = {
  'share.button': 'Dela',
  'share.title': 'Dela den här tavlan',
  'share.intro':
    'Ge varje grupp länken för det de ska kunna göra. Din egen facilitatorlänk visas inte här och förblir privat.',
  'share.role.participant': 'Deltagare',
  'share.role.participant.help':
    'Deltagare kan lägga till, skriva och flytta lappar och gruppera dem i ämnen. De ansluter med sitt namn.',
  'share.role.moderator': 'Moderatorer',
  'share.role.moderator.help':
    'Moderatorer läser tavlan, godkänner eller döljer kommentarer, hanterar anmälningar och kan spärra en kommentator. De ändrar inte tavlan.',
  'share.role.commenter': 'Kommentatorer',
  'share.role.commenter.help':
    'Kommentatorer kan läsa tavlan och kommentera den, men kan inte ändra den.',
  'share.role.viewer': 'Tittare',
  'share.role.viewer.help': 'Tittare kan bara titta på tavlan.',
  'share.linkLabel': 'Länk för {role}',
  'share.copy': 'Kopiera länken',
  'share.copied': 'Kopierad',
  'share.copyFailed': 'Kopieringen fungerade inte: markera länken och kopiera den själv.',
  'share.showQr': 'QR-kod',
  'share.hideQr': 'Dölj QR-koden',
  'share.qrFor': 'QR-kod för {role}',
  'share.qrLarge': 'Visa stort',
  'share.qrHint': 'Rikta mobilkameran mot koden för att öppna tavlan.',
  'share.expiry': 'Nya länkar fungerar',
  'share.expiry.never': 'tills de återkallas',
  'share.expiry.24': 'i 1 dygn',
  'share.expiry.168': 'i 1 vecka',
  'share.expiry.720': 'i 30 dagar',
  'share.expiresAt': 'Fungerar till {date}',
  'share.noExpiry': 'Fungerar tills du återkallar den',
  'share.revoke': 'Återkalla…',
  'share.revokeConfirm':
    'Återkalla alla länkar för ”{role}” som delats ut hittills? De som använder en kopplas bort direkt och behöver den nya länken. Inget på tavlan går förlorat.',
  'share.revokeOk': 'Återkalla länkarna',
  'share.revoked':
    'Tidigare länkar slutade fungera ({count} anslutningar stängdes). Länken som visas nu är ny.',
  'share.loading': 'Skapar länkar…',
  'share.error.noAccess':
    'Din facilitatorlänk fungerar inte längre (den har återkallats eller gått ut), så du kan inte dela ut länkar. Öppna tavlan med en giltig facilitatorlänk.',
  'share.error.failed': 'Servern kunde inte skapa länken. Försök igen.',

  'full.message':
    'Tavlan är full: den har redan så många personer som servern tillåter. Sidan försöker igen och ansluter själv när det finns plats.',
  'full.banner':
    'Tavlan är full just nu. Dina ändringar stannar i den här webbläsaren och skickas när det finns plats.',
  'full.retryIn': 'Nästa försök om {seconds} s.',
  'full.retryNow': 'Försök nu',

  'boardTitle.rename': 'Byt namn på tavlan',
  'boardTitle.label': 'Tavlans namn',

  'settings.button': 'Inställningar',
  'settings.title': 'Tavlans inställningar',
  'settings.organisations': 'Organisationer',
  'settings.organisationsHelp':
    'Deltagarna väljer sin organisation i den här listan när de ansluter (till exempel de kommuner som deltar) eller skriver en annan.',
  'settings.newOrganisation': 'Ny organisation',
  'settings.addOrganisation': 'Lägg till',
  'settings.removeOrganisation': 'Ta bort {name}',
  'settings.noOrganisations': 'Inga organisationer än.',
  'settings.done': 'Klar',

  'name.organisation': 'Organisation (valfritt)',
  'name.organisationHelp': 'Visas på dina lappar så att gruppen ser vem som bidrog med vad.',
  'name.organisationPlaceholder': 'Välj i listan eller skriv',

  'orgs.button': 'Organisationer',
  'orgs.heading': 'Lappar per organisation',
  'orgs.none': 'Ingen organisation',
  'orgs.showAll': 'Visa alla lappar',
  'orgs.filtered': 'Visar bara lappar från {name}',
  'orgs.empty': 'Inga lappar än.',
  'orgs.tally': 'Lappar: {notes} · personer: {people}',
  'settings.tooMany': 'En tavla kan ha högst {max} organisationer.',

  'role.facilitator': 'Facilitator',
  'role.participant': 'Deltagare',
  'role.moderator': 'Moderator',
  'role.commenter': 'Kommentator',
  'role.viewer': 'Tittare',

  'myBoards.heading': 'Mina tavlor',
  'myBoards.help': 'Tavlor som öppnats i den här webbläsaren.',
  'myBoards.lastOpened': 'Öppnad {date}',
  'myBoards.remove': 'Ta bort från listan',
  'myBoards.removeConfirm':
    'Ta bort ”{title}” från listan? Webbläsaren glömmer länken; själva tavlan finns kvar. Spara länken någon annanstans om du behöver den igen.',
  'myBoards.removeOk': 'Ta bort',

  'landing.template': 'Mall',
  'landing.templateLanguage': 'Mallens texter blir på det språk som valts överst.',
  'landing.error.unknownTemplate': 'Den här mallen finns inte längre på servern. Välj en annan.',
  'search.match': 'Träff {index} av {count}',
  'search.matches': 'Träffar: {count}',
  'timer.minutesLeft': 'mindre än {count} min kvar',
};
