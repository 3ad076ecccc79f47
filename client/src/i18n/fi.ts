import { a11yFi } from './a11y';
import { attentionFi } from './attention';
import { authorityFi } from './authority';
import { commentsFi } from './comments';
import type { Messages } from './en';
import { exportsFi } from './exports';
import { historyFi } from './history';
import { importsFi } from './imports';
import { keysFi } from './keys';
import { languagesFi } from './languages';
import { mediaFi } from './media';
import { moderationFi } from './moderation';
import { outlineFi } from './outline';
import { peopleFi } from './people';
import { privateFi } from './privateBrainstorm';
import { toolMenusFi } from './toolMenus';
import { votesFi } from './votes';
import { workshopFi } from './workshop';

export const fi: Messages = {
  ...workshopFi,
  ...commentsFi,
  ...attentionFi,
  ...a11yFi,
  ...outlineFi,
  ...votesFi,
  ...privateFi,
  ...exportsFi,
  ...languagesFi,
  ...mediaFi,
  ...toolMenusFi,
  ...historyFi,
  ...peopleFi,
  ...moderationFi,
  ...authorityFi,
  ...importsFi,
  ...keysFi,
  'app.name': 'Paja',
  'app.tagline': 'Yhteinen taulu yhteiskehittämisen työpajoihin',

  'language.label': 'Kieli',

  'landing.createHeading': 'Luo uusi taulu',
  'landing.titleLabel': 'Taulun nimi (vapaaehtoinen)',
  'landing.titlePlaceholder': 'esim. Työpaja 1: tavoitteet 2030',
  'landing.create': 'Luo taulu',
  'landing.creating': 'Luodaan…',
  'landing.openHeading': 'Avaa taulu',
  'landing.openLabel': 'Taulun linkki tai tunnus',
  'landing.openPlaceholder': 'https://…/b/…',
  'landing.open': 'Avaa',
  'landing.opening': 'Avataan…',
  'landing.error.invalidLink':
    'Tämä ei ole Pajan taulun linkki. Liitä koko linkki tai taulun tunnus.',
  'landing.error.notFound': 'Linkistä ei löytynyt taulua. Tarkista linkki tai pyydä uusi.',
  'landing.error.network':
    'Palvelimeen ei saatu yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.',
  'landing.error.createFailed': 'Taulun luominen epäonnistui. Yritä uudelleen.',
  'landing.error.createThrottled':
    'Verkostasi on juuri luotu liian monta taulua. Yritä uudelleen muutaman minuutin kuluttua.',
  'landing.error.createRestricted':
    'Tällä palvelimella tauluja luovat vain sen ylläpitäjät. Pyydä linkki fasilitaattorilta.',
  'landing.error.noAccess':
    'Tällä linkillä ei pääse taululle: siitä puuttuu pääsyavain, tai se on vanhentunut tai peruttu. Pyydä uusi linkki.',

  'board.loading': 'Avataan taulua…',
  'board.untitled': 'Nimetön taulu',
  'board.error.notFound':
    'Taulua ei löytynyt. Linkki voi olla virheellinen, tai taulu on poistettu.',
  'board.error.invalidId': 'Tämä osoite ei osoita mihinkään tauluun. Tarkista linkki.',
  'board.error.revoked':
    'Fasilitaattori on perunut tämän linkin, joten taulu suljettiin tässä. Tallennettu jää taululle. Pyydä fasilitaattorilta uusi linkki.',
  'board.error.revokedLink':
    'Fasilitaattori on perunut tämän linkin. Pyydä fasilitaattorilta uusi linkki.',
  'board.error.linkMismatch':
    'Tämä osoite ei avaa taulua: sen taulu ja avain eivät täsmää. Tarkista, että koko linkki tuli kopioiduksi, tai pyydä se uudelleen.',
  'board.error.noAccess':
    'Tällä linkillä ei pääse taululle: siitä puuttuu pääsyavain, tai se on vanhentunut tai peruttu. Pyydä fasilitaattorilta uusi linkki.',
  'board.error.unavailable': 'Taulua ei voi ladata juuri nyt. Yritä hetken päästä uudelleen.',
  'board.error.changeRefused':
    'Viimeisintä muutostasi ei voitu tallentaa: taulu ei enää sallinut sitä (esimerkiksi lappu oli juuri lukittu). Jatka taulun nykyisestä tilasta.',
  'board.error.linkExpired': 'Tämä linkki on vanhentunut. Pyydä fasilitaattorilta uusi linkki.',
  'board.error.tooLarge':
    'Viimeisintä muutostasi ei voitu tallentaa: taululla on jo niin paljon sisältöä kuin tämä palvelin sallii. Jatka taulun nykyisestä tilasta ja pyydä fasilitaattoria siistimään taulua.',
  'board.error.tooComplex':
    'Viimeisintä muutostasi ei voitu tallentaa: se oli suurempi tai monitasoisempi kuin taulu ottaa kerralla vastaan. Jatka taulun nykyisestä tilasta.',
  'board.error.reloadFresh':
    'Lataa taulu uudelleen (hylkää tämän selaimen tallentamattomat muutokset)',
  'board.error.network': 'Palvelimeen ei saatu yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.',
  'board.retry': 'Yritä uudelleen',
  'board.error.outdated': 'Paja on päivitetty – lataa sivu uudelleen.',
  'board.reload': 'Lataa uudelleen',
  'board.backHome': 'Etusivulle',
  'board.canvasLabel': 'Taulun piirtoalue. Lisää lappu kaksoisnapsauttamalla tyhjää kohtaa.',
  'board.canvasLabelRead': 'Taulun piirtoalue, luettavaksi. Siirrä näkymää vetämällä.',
  'vote.zoomHint':
    'Lappuja liian pieninä pisteiden antamiseen: {count}. Lähennä tai äänestä Äänestä-paneelin luettelosta.',
  'vote.zoomIn': 'Lähennä äänestääksesi',
  'board.hint':
    'Lisää lappu kaksoisnapsauttamalla · Valitse vetämällä taustaa · Siirrä näkymää välilyönti + vedä tai kahdella sormella · Zoomaa rullalla',
  'board.invalidNotes': 'Taululla on {count} lappua, joita ei voitu lukea; niitä ei näytetä.',

  'connection.label': 'Yhteys: {state}',
  'connection.connecting': 'Yhdistetään…',
  'connection.online': 'Yhteydessä',
  'connection.offline': 'Ei yhteyttä',
  'save.saved': 'Kaikki muutokset tallennettu',
  'save.savedShort': 'Tallennettu',
  'save.unsaved': 'Ei vielä tallennettu',
  'offline.quota':
    'Selaimessa ei ole enää tilaa taulun tallentamiseen offline-käyttöä varten. Muutoksesi menevät yhä palvelimelle, kun olet verkossa; offline-muokkaukset voivat kadota sivun uudelleenlatauksessa.',
  'offline.failed':
    'Tämä selain ei voi säilyttää taulusta kopiota offline-käyttöä varten. Muutoksesi menevät yhä palvelimelle, kun olet verkossa; offline-muokkaukset voivat kadota sivun uudelleenlatauksessa.',
  'offline.rescue.text':
    'Tässä selaimessa on yhä tämän taulun muutoksia, jotka eivät koskaan päässeet palvelimelle.',
  'offline.rescue.download': 'Lataa kopio',
  'offline.rescue.delete': 'Poista se tästä selaimesta',

  'participants.count': 'Osallistujia: {count}',
  'participants.heading': 'Taululla nyt',
  'participants.you': '{name} (sinä)',

  'name.title': 'Mikä on nimesi?',
  'name.help': 'Muut taululla näkevät nimen kursorisi vieressä ja lisäämissäsi lapuissa.',
  'name.helpComments': 'Muut taululla näkevät nimen kommenteissasi.',
  'name.helpViewer': 'Muut taululla näkevät nimen paikalla olevien luettelossa.',
  'name.label': 'Nimi',
  'name.submit': 'Liity taululle',
  'name.save': 'Tallenna',
  'name.cancel': 'Peruuta',
  'name.change': 'Vaihda nimi',

  'toolbar.label': 'Taulun työkalut',
  'toolbar.addNote': 'Lisää lappu',
  'toolbar.deleteNote': 'Poista ({count})',
  'toolbar.colors': 'Lapun väri',
  'toolbar.color': 'Väri: {color}',
  'toolbar.zoomIn': 'Lähennä',
  'toolbar.zoomOut': 'Loitonna',
  'toolbar.zoomReset': 'Palauta koko (nyt {percent} %)',

  'color.yellow': 'keltainen',
  'color.orange': 'oranssi',
  'color.vermilion': 'punainen',
  'color.pink': 'vaaleanpunainen',
  'color.purple': 'violetti',
  'color.blue': 'sininen',
  'color.teal': 'turkoosi',
  'color.gray': 'harmaa',

  'notes.listLabel': 'Taulun laput ({count})',
  'editor.label': 'Lapun teksti',
  'editor.count': '{count}/{limit} merkkiä',
  'editor.full': 'Lappu on täynnä: enintään {limit} merkkiä.',
  'editor.pasteCut':
    'Lappuun mahtuu enintään {limit} merkkiä: liitetyn tekstin viimeiset {count} merkkiä jäivät pois. Jaa teksti useaan lappuun.',

  'toolbar.selectTool': 'Valitse: valitse lappuja vetämällä taustalla (V)',
  'toolbar.panTool': 'Siirrä näkymää: vedä siirtääksesi (H tai pidä välilyöntiä pohjassa)',
  'toolbar.undo': 'Kumoa (Ctrl+Z)',
  'toolbar.redo': 'Tee uudelleen (Ctrl+Shift+Z)',
  'toolbar.duplicate': 'Monista (Ctrl+D)',
  'toolbar.makeCluster': 'Ryhmittele valitut laput aiheeksi',
  'toolbar.makeClusterShort': 'Ryhmittele',
  'toolbar.lock': 'Lukitse',
  'toolbar.unlock': 'Avaa lukitus',
  'toolbar.zoomFit': 'Näytä koko taulu (Shift+1)',
  'toolbar.zoomSelection': 'Lähennä valintaan (Shift+2)',
  'command.editNote': 'Muokkaa lappua',
  'command.rename': 'Nimeä uudelleen',
  'command.move': 'Siirrä',
  'command.nudge': 'Siirrä valintaa (nuolinäppäimet)',
  'command.resize': 'Muuta lapun kokoa',
  'command.selectAll': 'Valitse kaikki (Ctrl+A)',
  'command.clearSelection': 'Poista valinta (Esc)',
  'command.search': 'Hae (Ctrl+F)',
  'command.paste': 'Liitä',
  'command.cut': 'Leikkaa',
  'cluster.tools': 'Aihe',
  'cluster.rename': 'Nimeä',
  'cluster.arrange': 'Järjestä',
  'cluster.collapse': 'Pienennä',
  'cluster.expand': 'Laajenna',
  'cluster.delete': 'Pura aihe',
  'cluster.untitled': 'Nimetön',
  'cluster.count': '{count} lappua',
  'cluster.count.one': '{count} lappu',
  'title.label': 'Otsikko',
  'title.placeholder': 'Kirjoita otsikko ja paina Enter',
  'paste.tooMany':
    'Mitään ei liitetty: {count} lappua on enemmän kuin yhteen liittämiseen mahtuu ({limit}).',
  'paste.tooLong':
    'Mitään ei liitetty: rivi {line} on pidempi kuin lappuun mahtuu ({limit} merkkiä).',
  'paste.confirm': 'Luodaanko {count} lappua, yksi kustakin rivistä?',
  'paste.confirmOk': 'Luo laput',
  'paste.rowsCreated': 'Liitetyistä taulukon riveistä luotiin {count} lappua.',
  'paste.confirmRows': 'Luodaanko {count} lappua, yksi kustakin taulukon rivistä?',
  'paste.created': 'Liitetyistä riveistä luotiin {count} lappua.',
  'minimap.label': 'Koko taulun yleiskuva; siirry napsauttamalla',
  'search.label': 'Hae lapuista',
  'search.placeholder': 'Hae lapuista…',
  'search.none': 'Ei osumia',
  'search.position': '{index} / {count}',
  'search.previous': 'Edellinen osuma',
  'search.next': 'Seuraava osuma',
  'roadmap.heading': 'Tiekartta',
  'roadmap.empty':
    'Tiekartassa teemat ovat rivejä ja ajanjaksot vuoteen 2030 sarakkeita. Pudota lappuja sen soluihin.',
  'roadmap.create': 'Luo tiekartta',
  'roadmap.show': 'Näytä taululla',
  'roadmap.lanes': 'Teemat',
  'roadmap.periods': 'Ajanjaksot',
  'roadmap.addLane': 'Lisää teema',
  'roadmap.addPeriod': 'Lisää ajanjakso',
  'roadmap.lane': 'Teema {index}',
  'roadmap.period': 'Ajanjakso {index}',
  'roadmap.moveUp': 'Siirrä aiemmaksi',
  'roadmap.moveDown': 'Siirrä myöhemmäksi',
  'roadmap.delete': 'Poista (laput jäävät taululle)',
  'roadmap.defaultLane': 'Uusi teema',
  'panel.close': 'Sulje',
};
