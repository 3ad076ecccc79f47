import type { Messages } from './en';

export const sv: Messages = {
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
  'landing.error.noAccess':
    'Den här länken öppnar inte tavlan: den saknar åtkomstnyckel, eller så har den gått ut eller återkallats. Be om en ny länk.',

  'board.loading': 'Öppnar tavlan…',
  'board.untitled': 'Namnlös tavla',
  'board.error.notFound':
    'Tavlan hittades inte. Länken kan vara fel, eller så har tavlan tagits bort.',
  'board.error.invalidId': 'Den här adressen leder inte till någon tavla. Kontrollera länken.',
  'board.error.noAccess':
    'Den här länken öppnar inte tavlan: den saknar åtkomstnyckel, eller så har den gått ut eller återkallats. Be facilitatorn om en ny länk.',
  'board.error.unavailable': 'Tavlan kan inte läsas in just nu. Försök igen om en stund.',
  'board.error.network': 'Det gick inte att nå servern. Kontrollera anslutningen och försök igen.',
  'board.retry': 'Försök igen',
  'board.backHome': 'Till startsidan',
  'board.canvasLabel': 'Tavlans rityta. Dubbelklicka på en tom plats för att lägga till en lapp.',
  'board.hint':
    'Dubbelklicka för att lägga till en lapp · Dra i bakgrunden för att flytta vyn · Ctrl + hjul zoomar',
  'board.invalidNotes': '{count} lappar på tavlan kunde inte läsas och visas inte.',

  'connection.label': 'Anslutning: {state}',
  'connection.connecting': 'Ansluter…',
  'connection.online': 'Ansluten',
  'connection.offline': 'Ingen anslutning',
  'save.saved': 'Alla ändringar sparade',
  'save.unsaved': 'Inte sparat ännu',

  'participants.count': 'Deltagare: {count}',
  'participants.heading': 'På tavlan nu',
  'participants.you': '{name} (du)',

  'name.title': 'Vad heter du?',
  'name.help': 'De andra på tavlan ser namnet bredvid din markör och på lappar som du lägger till.',
  'name.label': 'Namn',
  'name.submit': 'Gå med',
  'name.save': 'Spara',
  'name.cancel': 'Avbryt',
  'name.change': 'Byt namn',

  'toolbar.label': 'Verktyg för tavlan',
  'toolbar.addNote': 'Lägg till lapp',
  'toolbar.deleteNote': 'Ta bort lapp',
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
};
