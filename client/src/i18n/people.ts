/** Messages of the people dialog (personal data), fi, sv and en side by side. */
export const peopleEn = {
  'people.button': 'People',
  'people.open': 'Contributions and personal data…',
  'people.title': 'People and their data',
  'people.intro':
    'Everyone who wrote a note, commented or voted by name, on the board now or in its history. You can remove one person’s notes, comments and votes, or keep them under a pseudonym. It happens everywhere at once: on the board, in every snapshot and in exports made after it.',
  'people.empty': 'Nobody has added anything under a name yet.',
  'people.nameless': '(no name)',
  'people.counts': '{notes} notes · {comments} comments · {votes} votes · in {snapshots} snapshots',
  'people.remove': 'Remove their contributions',
  'people.pseudonymise': 'Pseudonymise',
  'people.pseudonym': 'Participant',
  'people.confirmRemove':
    'Remove everything {name} added: their notes, comments and votes, on the board and in every snapshot? This cannot be undone. It is written in the board’s audit log.',
  'people.confirmPseudonymise':
    'Replace the name {name} with a pseudonym on the board and in every snapshot? Their notes, comments and votes stay. This cannot be undone. It is written in the board’s audit log.',
  'people.removed': 'Everything {name} added is removed from the board and its history.',
  'people.pseudonymised': '{name} now appears under a pseudonym on the board and in its history.',
  'people.audit': 'Audit log',
  'people.action.snapshot-deleted': 'a snapshot was deleted',
  'people.action.snapshots-expired': 'old automatic snapshots were deleted',
  'people.action.person-removed': 'a person’s contributions were removed',
  'people.action.person-pseudonymised': 'a person was pseudonymised',
  'people.action.backup-imported': 'a backup was imported onto the board',
};

type PeopleMessages = Record<keyof typeof peopleEn, string>;

export const peopleFi: PeopleMessages = {
  'people.button': 'Ihmiset',
  'people.open': 'Lisäykset ja henkilötiedot…',
  'people.title': 'Ihmiset ja heidän tietonsa',
  'people.intro':
    'Kaikki, jotka ovat kirjoittaneet lapun, kommentoineet tai äänestäneet nimellä, taululla nyt tai sen historiassa. Voit poistaa yhden ihmisen laput, kommentit ja äänet tai säilyttää ne peitenimellä. Muutos tehdään kaikkialle kerralla: taululle, jokaiseen tilannekuvaan ja sen jälkeen tehtyihin vienteihin.',
  'people.empty': 'Kukaan ei ole vielä lisännyt mitään nimellä.',
  'people.nameless': '(ei nimeä)',
  'people.counts':
    '{notes} lappua · {comments} kommenttia · {votes} äänestystä · {snapshots} tilannekuvassa',
  'people.remove': 'Poista hänen lisäyksensä',
  'people.pseudonymise': 'Vaihda peitenimeen',
  'people.pseudonym': 'Osallistuja',
  'people.confirmRemove':
    'Poistetaanko kaikki, mitä {name} lisäsi: laput, kommentit ja äänet, taululta ja jokaisesta tilannekuvasta? Tätä ei voi perua. Poisto kirjataan taulun tapahtumalokiin.',
  'people.confirmPseudonymise':
    'Vaihdetaanko nimi {name} peitenimeen taululla ja jokaisessa tilannekuvassa? Laput, kommentit ja äänet säilyvät. Tätä ei voi perua. Muutos kirjataan taulun tapahtumalokiin.',
  'people.removed': 'Kaikki, mitä {name} lisäsi, on poistettu taululta ja sen historiasta.',
  'people.pseudonymised': '{name} näkyy nyt peitenimellä taululla ja sen historiassa.',
  'people.audit': 'Tapahtumaloki',
  'people.action.snapshot-deleted': 'tilannekuva poistettiin',
  'people.action.snapshots-expired': 'vanhat automaattiset tilannekuvat poistettiin',
  'people.action.person-removed': 'ihmisen lisäykset poistettiin',
  'people.action.person-pseudonymised': 'ihmisen nimi vaihdettiin peitenimeen',
  'people.action.backup-imported': 'varmuuskopio tuotiin taululle',
};

export const peopleSv: PeopleMessages = {
  'people.button': 'Personer',
  'people.open': 'Bidrag och personuppgifter…',
  'people.title': 'Personer och deras uppgifter',
  'people.intro':
    'Alla som har skrivit en lapp, kommenterat eller röstat med namn, på tavlan nu eller i dess historik. Du kan ta bort en persons lappar, kommentarer och röster, eller behålla dem under en pseudonym. Det sker överallt på en gång: på tavlan, i varje ögonblicksbild och i exporter som görs efteråt.',
  'people.empty': 'Ingen har ännu lagt till något med namn.',
  'people.nameless': '(inget namn)',
  'people.counts':
    '{notes} lappar · {comments} kommentarer · {votes} omröstningar · i {snapshots} ögonblicksbilder',
  'people.remove': 'Ta bort personens bidrag',
  'people.pseudonymise': 'Pseudonymisera',
  'people.pseudonym': 'Deltagare',
  'people.confirmRemove':
    'Ta bort allt som {name} lade till: lappar, kommentarer och röster, på tavlan och i varje ögonblicksbild? Det kan inte ångras. Det skrivs i tavlans granskningslogg.',
  'people.confirmPseudonymise':
    'Byta namnet {name} mot en pseudonym på tavlan och i varje ögonblicksbild? Lappar, kommentarer och röster finns kvar. Det kan inte ångras. Det skrivs i tavlans granskningslogg.',
  'people.removed': 'Allt som {name} lade till är borttaget från tavlan och dess historik.',
  'people.pseudonymised': '{name} visas nu under en pseudonym på tavlan och i dess historik.',
  'people.audit': 'Granskningslogg',
  'people.action.snapshot-deleted': 'en ögonblicksbild togs bort',
  'people.action.snapshots-expired': 'gamla automatiska ögonblicksbilder togs bort',
  'people.action.person-removed': 'en persons bidrag togs bort',
  'people.action.person-pseudonymised': 'en person pseudonymiserades',
  'people.action.backup-imported': 'en säkerhetskopia importerades till tavlan',
};
