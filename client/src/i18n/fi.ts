import type { Messages } from './en';

export const fi: Messages = {
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
  'landing.error.noAccess':
    'Tällä linkillä ei pääse taululle: siitä puuttuu pääsyavain, tai se on vanhentunut tai peruttu. Pyydä uusi linkki.',

  'board.loading': 'Avataan taulua…',
  'board.untitled': 'Nimetön taulu',
  'board.error.notFound':
    'Taulua ei löytynyt. Linkki voi olla virheellinen, tai taulu on poistettu.',
  'board.error.invalidId': 'Tämä osoite ei osoita mihinkään tauluun. Tarkista linkki.',
  'board.error.noAccess':
    'Tällä linkillä ei pääse taululle: siitä puuttuu pääsyavain, tai se on vanhentunut tai peruttu. Pyydä fasilitaattorilta uusi linkki.',
  'board.error.unavailable': 'Taulua ei voi ladata juuri nyt. Yritä hetken päästä uudelleen.',
  'board.error.network': 'Palvelimeen ei saatu yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.',
  'board.retry': 'Yritä uudelleen',
  'board.backHome': 'Etusivulle',
  'board.canvasLabel': 'Taulun piirtoalue. Lisää lappu kaksoisnapsauttamalla tyhjää kohtaa.',
  'board.hint':
    'Lisää lappu kaksoisnapsauttamalla · Siirrä näkymää vetämällä taustaa · Ctrl + rulla zoomaa',
  'board.invalidNotes': 'Taululla on {count} lappua, joita ei voitu lukea; niitä ei näytetä.',

  'connection.label': 'Yhteys: {state}',
  'connection.connecting': 'Yhdistetään…',
  'connection.online': 'Yhteydessä',
  'connection.offline': 'Ei yhteyttä',
  'save.saved': 'Kaikki muutokset tallennettu',
  'save.unsaved': 'Ei vielä tallennettu',

  'participants.count': 'Osallistujia: {count}',
  'participants.heading': 'Taululla nyt',
  'participants.you': '{name} (sinä)',

  'name.title': 'Mikä on nimesi?',
  'name.help': 'Muut taululla näkevät nimen kursorisi vieressä ja lisäämissäsi lapuissa.',
  'name.label': 'Nimi',
  'name.submit': 'Liity taululle',
  'name.save': 'Tallenna',
  'name.cancel': 'Peruuta',
  'name.change': 'Vaihda nimi',

  'toolbar.label': 'Taulun työkalut',
  'toolbar.addNote': 'Lisää lappu',
  'toolbar.deleteNote': 'Poista lappu',
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
};
