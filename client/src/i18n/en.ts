/**
 * English messages. This catalogue defines the key set: fi.ts and sv.ts are typed as
 * `Messages`, so a key missing from (or misspelt in) either is a type error.
 * Placeholders are written `{name}` and filled by `formatMessage`.
 */
export const en = {
  'app.name': 'Paja',
  'app.tagline': 'A shared whiteboard for co-creation workshops',

  'language.label': 'Language',

  'landing.createHeading': 'Create a new board',
  'landing.titleLabel': 'Board title (optional)',
  'landing.titlePlaceholder': 'e.g. Workshop 1: goals for 2030',
  'landing.create': 'Create board',
  'landing.creating': 'Creating…',
  'landing.openHeading': 'Open a board',
  'landing.openLabel': 'Board link or id',
  'landing.openPlaceholder': 'https://…/b/…',
  'landing.open': 'Open',
  'landing.opening': 'Opening…',
  'landing.error.invalidLink':
    'This is not a link to a Paja board. Paste the whole link or the board id.',
  'landing.error.notFound': 'No board was found at this link. Check the link or ask for a new one.',
  'landing.error.network': 'Could not reach the server. Check your connection and try again.',
  'landing.error.createFailed': 'The board could not be created. Please try again.',
  'landing.error.noAccess':
    'This link does not open the board: it has no access key, or it has expired or been revoked. Ask for a new link.',

  'board.loading': 'Opening the board…',
  'board.untitled': 'Untitled board',
  'board.error.notFound':
    'Board not found. The link may be wrong, or the board may have been removed.',
  'board.error.invalidId': 'This address does not point to a board. Check the link.',
  'board.error.noAccess':
    'This link does not open the board: it has no access key, or it has expired or been revoked. Ask the facilitator for a new link.',
  'board.error.unavailable': 'The board cannot be loaded right now. Please try again shortly.',
  'board.error.network': 'Could not reach the server. Check your connection and try again.',
  'board.retry': 'Try again',
  'board.backHome': 'Go to the front page',
  'board.canvasLabel': 'Board canvas. Double-click an empty spot to add a note.',
  'board.hint': 'Double-click to add a note · Drag the background to pan · Ctrl + scroll to zoom',
  'board.invalidNotes': '{count} notes on this board could not be read and are not shown.',

  'connection.label': 'Connection: {state}',
  'connection.connecting': 'Connecting…',
  'connection.online': 'Online',
  'connection.offline': 'Offline',
  'save.saved': 'All changes saved',
  'save.unsaved': 'Not saved yet',

  'participants.count': 'Participants: {count}',
  'participants.heading': 'On this board now',
  'participants.you': '{name} (you)',

  'name.title': 'What is your name?',
  'name.help': 'Others on the board see this name next to your cursor and on the notes you add.',
  'name.label': 'Name',
  'name.submit': 'Join the board',
  'name.save': 'Save',
  'name.cancel': 'Cancel',
  'name.change': 'Change name',

  'toolbar.label': 'Board tools',
  'toolbar.addNote': 'Add note',
  'toolbar.deleteNote': 'Delete note',
  'toolbar.colors': 'Note colour',
  'toolbar.color': 'Colour: {color}',
  'toolbar.zoomIn': 'Zoom in',
  'toolbar.zoomOut': 'Zoom out',
  'toolbar.zoomReset': 'Reset zoom (now {percent} %)',

  'color.yellow': 'yellow',
  'color.orange': 'orange',
  'color.vermilion': 'red',
  'color.pink': 'pink',
  'color.purple': 'purple',
  'color.blue': 'blue',
  'color.teal': 'teal',
  'color.gray': 'grey',

  'notes.listLabel': 'Notes on the board ({count})',
  'editor.label': 'Note text',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
