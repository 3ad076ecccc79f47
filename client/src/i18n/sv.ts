import { a11ySv } from './a11y';
import { attentionSv } from './attention';
import { authoritySv } from './authority';
import { commentsSv } from './comments';
import type { Messages } from './en';
import { exportsSv } from './exports';
import { historySv } from './history';
import { importsSv } from './imports';
import { keysSv } from './keys';
import { languagesSv } from './languages';
import { mediaSv } from './media';
import { moderationSv } from './moderation';
import { outlineSv } from './outline';
import { peopleSv } from './people';
import { privateSv } from './privateBrainstorm';
import { toolMenusSv } from './toolMenus';
import { votesSv } from './votes';
import { workshopSv } from './workshop';

export const sv: Messages = {
  ...workshopSv,
  ...commentsSv,
  ...attentionSv,
  ...a11ySv,
  ...outlineSv,
  ...votesSv,
  ...privateSv,
  ...exportsSv,
  ...languagesSv,
  ...mediaSv,
  ...toolMenusSv,
  ...historySv,
  ...peopleSv,
  ...moderationSv,
  ...authoritySv,
  ...importsSv,
  ...keysSv,
  'app.name': 'Paja',
  'app.tagline': 'En gemensam tavla för workshoppar i samskapande',

  'language.label': 'Språk',

  'landing.createHeading': 'Skapa en ny tavla',
  'landing.titleLabel': 'Tavlans namn (valfritt)',
  'landing.titlePlaceholder': 't.ex. Workshop 1: mål för 2030',
  'landing.create': 'Skapa tavla',
  'landing.creating': 'Skapar…',
  'landing.openHeading': 'Öppna en tavla',
  'landing.openLabel': 'Tavlans länk eller id',
  'landing.openPlaceholder': 'https://…/b/…',
  'landing.open': 'Öppna',
  'landing.opening': 'Öppnar…',
  'landing.error.invalidLink':
    'Det här är ingen länk till en Paja-tavla. Klistra in hela länken eller tavlans id.',
  'landing.error.notFound':
    'Ingen tavla hittades med den här länken. Kontrollera länken eller be om en ny.',
  'landing.error.network':
    'Det gick inte att nå servern. Kontrollera anslutningen och försök igen.',
  'landing.error.createFailed': 'Tavlan kunde inte skapas. Försök igen.',
  'landing.error.createThrottled':
    'För många tavlor skapades nyss från ditt nätverk. Försök igen om några minuter.',
  'landing.error.createRestricted':
    'På den här servern skapar bara administratörerna tavlor. Be din facilitator om en länk.',
  'landing.error.noAccess':
    'Den här länken öppnar inte tavlan: den saknar åtkomstnyckel, eller så har den gått ut eller återkallats. Be om en ny länk.',

  'board.loading': 'Öppnar tavlan…',
  'board.untitled': 'Namnlös tavla',
  'board.error.notFound':
    'Tavlan hittades inte. Länken kan vara fel, eller så har tavlan tagits bort.',
  'board.error.invalidId': 'Den här adressen leder inte till någon tavla. Kontrollera länken.',
  'board.error.revoked':
    'Facilitatorn har dragit tillbaka den här länken, så tavlan stängdes här. Det som sparats finns kvar på tavlan. Be facilitatorn om en ny länk.',
  'board.error.revokedLink':
    'Facilitatorn har dragit tillbaka den här länken. Be facilitatorn om en ny länk.',
  'board.error.linkMismatch':
    'Adressen öppnar ingen tavla: dess tavla och nyckel stämmer inte överens. Kontrollera att hela länken kopierades, eller be om den igen.',
  'board.error.noAccess':
    'Den här länken öppnar inte tavlan: den saknar åtkomstnyckel, eller så har den gått ut eller återkallats. Be facilitatorn om en ny länk.',
  'board.error.unavailable': 'Tavlan kan inte läsas in just nu. Försök igen om en stund.',
  'board.error.changeRefused':
    'Din senaste ändring kunde inte sparas: tavlan tillät den inte längre (till exempel hade lappen just låsts). Fortsätt från tavlan som den är nu.',
  'board.error.linkExpired': 'Den här länken har gått ut. Be facilitatorn om en ny länk.',
  'board.error.tooLarge':
    'Din senaste ändring kunde inte sparas: tavlan rymmer redan så mycket som den här servern tillåter. Fortsätt från tavlan som den är nu och be facilitatorn att städa den.',
  'board.error.tooComplex':
    'Din senaste ändring kunde inte sparas: den var större eller djupare nästlad än en tavla tar emot på en gång. Fortsätt från tavlan som den är nu.',
  'board.error.reloadFresh': 'Ladda om tavlan (kastar den här webbläsarens osparade ändringar)',
  'board.error.network': 'Det gick inte att nå servern. Kontrollera anslutningen och försök igen.',
  'board.retry': 'Försök igen',
  'board.error.outdated': 'Paja har uppdaterats – ladda om sidan.',
  'board.reload': 'Ladda om',
  'board.backHome': 'Till startsidan',
  'board.canvasLabel': 'Tavlans rityta. Dubbelklicka på en tom plats för att lägga till en lapp.',
  'board.canvasLabelRead': 'Tavlans rityta, för läsning. Dra för att flytta vyn.',
  'vote.zoomHint':
    'Lappar för små här för punktknappar: {count}. Zooma in eller rösta i listan under Rösta.',
  'vote.zoomIn': 'Zooma in för att rösta',
  'board.hint':
    'Dubbelklicka för att lägga till en lapp · Dra över bakgrunden för att markera · Mellanslag + dra eller två fingrar för att panorera · Rulla för att zooma',
  'board.invalidNotes': '{count} lappar på tavlan kunde inte läsas och visas inte.',

  'connection.label': 'Anslutning: {state}',
  'connection.connecting': 'Ansluter…',
  'connection.online': 'Ansluten',
  'connection.offline': 'Ingen anslutning',
  'save.saved': 'Alla ändringar sparade',
  'save.savedShort': 'Sparat',
  'save.unsaved': 'Inte sparat ännu',
  'offline.quota':
    'Webbläsaren har inte längre plats att spara tavlan för användning offline. Dina ändringar skickas fortfarande till servern när du är online; ändringar gjorda offline kan gå förlorade vid omladdning.',
  'offline.failed':
    'Den här webbläsaren kan inte spara en kopia av tavlan för användning offline. Dina ändringar skickas fortfarande till servern när du är online; ändringar gjorda offline kan gå förlorade vid omladdning.',
  'offline.rescue.text':
    'Den här webbläsaren har fortfarande ändringar i tavlan som aldrig nådde servern.',
  'offline.rescue.download': 'Ladda ner en kopia',
  'offline.rescue.delete': 'Radera den från webbläsaren',

  'participants.count': 'Deltagare: {count}',
  'participants.heading': 'På tavlan nu',
  'participants.you': '{name} (du)',

  'name.title': 'Vad heter du?',
  'name.help': 'De andra på tavlan ser namnet bredvid din markör och på lappar som du lägger till.',
  'name.helpComments': 'De andra på tavlan ser namnet på dina kommentarer.',
  'name.helpViewer': 'De andra på tavlan ser namnet i listan över dem som är här.',
  'name.label': 'Namn',
  'name.submit': 'Gå med',
  'name.save': 'Spara',
  'name.cancel': 'Avbryt',
  'name.change': 'Byt namn',

  'toolbar.label': 'Verktyg för tavlan',
  'toolbar.addNote': 'Lägg till lapp',
  'toolbar.deleteNote': 'Ta bort ({count})',
  'toolbar.colors': 'Lappens färg',
  'toolbar.color': 'Färg: {color}',
  'toolbar.zoomIn': 'Zooma in',
  'toolbar.zoomOut': 'Zooma ut',
  'toolbar.zoomReset': 'Återställ zoom (nu {percent} %)',

  'color.yellow': 'gul',
  'color.orange': 'orange',
  'color.vermilion': 'röd',
  'color.pink': 'rosa',
  'color.purple': 'lila',
  'color.blue': 'blå',
  'color.teal': 'turkos',
  'color.gray': 'grå',

  'notes.listLabel': 'Lappar på tavlan ({count})',
  'editor.label': 'Lappens text',
  'editor.count': '{count} av {limit} tecken',
  'editor.full': 'Lappen är full: högst {limit} tecken.',
  'editor.pasteCut':
    'En lapp rymmer högst {limit} tecken: de sista {count} tecknen i det inklistrade togs inte med. Dela upp texten på flera lappar.',

  'toolbar.selectTool': 'Markera: dra över bakgrunden för att markera lappar (V)',
  'toolbar.panTool': 'Flytta vyn: dra för att panorera (H, eller håll ned mellanslag)',
  'toolbar.undo': 'Ångra (Ctrl+Z)',
  'toolbar.redo': 'Gör om (Ctrl+Skift+Z)',
  'toolbar.duplicate': 'Duplicera (Ctrl+D)',
  'toolbar.makeCluster': 'Gruppera de markerade lapparna till ett ämne',
  'toolbar.makeClusterShort': 'Gruppera',
  'toolbar.lock': 'Lås',
  'toolbar.unlock': 'Lås upp',
  'toolbar.zoomFit': 'Visa hela tavlan (Skift+1)',
  'toolbar.zoomSelection': 'Zooma till markeringen (Skift+2)',
  'command.editNote': 'Redigera lapp',
  'command.rename': 'Byt namn',
  'command.move': 'Flytta',
  'command.nudge': 'Flytta markeringen (piltangenter)',
  'command.resize': 'Ändra lappens storlek',
  'command.selectAll': 'Markera allt (Ctrl+A)',
  'command.clearSelection': 'Avmarkera (Esc)',
  'command.search': 'Sök (Ctrl+F)',
  'command.paste': 'Klistra in',
  'command.cut': 'Klipp ut',
  'cluster.tools': 'Ämne',
  'cluster.rename': 'Byt namn',
  'cluster.arrange': 'Ordna',
  'cluster.collapse': 'Fäll ihop',
  'cluster.expand': 'Fäll ut',
  'cluster.delete': 'Lös upp ämnet',
  'cluster.untitled': 'Namnlös',
  'cluster.count': '{count} lappar',
  'cluster.count.one': '{count} lapp',
  'title.label': 'Rubrik',
  'title.placeholder': 'Skriv en rubrik och tryck Enter',
  'paste.tooMany':
    'Inget klistrades in: {count} lappar är fler än en inklistring rymmer ({limit}).',
  'paste.tooLong': 'Inget klistrades in: rad {line} är längre än en lapp rymmer ({limit} tecken).',
  'paste.confirm': 'Skapa {count} lappar, en för varje rad?',
  'paste.confirmOk': 'Skapa lappar',
  'paste.rowsCreated': '{count} lappar skapades av de inklistrade tabellraderna.',
  'paste.confirmRows': 'Skapa {count} lappar, en för varje rad i tabellen?',
  'paste.created': '{count} lappar skapades av de inklistrade raderna.',
  'minimap.label': 'Översikt över hela tavlan; klicka för att flytta dit',
  'search.label': 'Sök i lappar',
  'search.placeholder': 'Sök i lappar…',
  'search.none': 'Inga träffar',
  'search.position': '{index} / {count}',
  'search.previous': 'Föregående träff',
  'search.next': 'Nästa träff',
  'roadmap.heading': 'Färdplan',
  'roadmap.empty':
    'Färdplanen har teman som rader och perioder fram till 2030 som kolumner. Släpp lappar i dess celler.',
  'roadmap.create': 'Skapa färdplan',
  'roadmap.show': 'Visa på tavlan',
  'roadmap.lanes': 'Teman',
  'roadmap.periods': 'Perioder',
  'roadmap.addLane': 'Lägg till tema',
  'roadmap.addPeriod': 'Lägg till period',
  'roadmap.lane': 'Tema {index}',
  'roadmap.period': 'Period {index}',
  'roadmap.moveUp': 'Flytta tidigare',
  'roadmap.moveDown': 'Flytta senare',
  'roadmap.delete': 'Ta bort (lapparna blir kvar på tavlan)',
  'roadmap.defaultLane': 'Nytt tema',
  'panel.close': 'Stäng',
};
