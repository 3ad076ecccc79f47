import { a11yEn } from './a11y';
import { attentionEn } from './attention';
import { authorityEn } from './authority';
import { commentsEn } from './comments';
import { exportsEn } from './exports';
import { historyEn } from './history';
import { importsEn } from './imports';
import { keysEn } from './keys';
import { languagesEn } from './languages';
import { mediaEn } from './media';
import { moderationEn } from './moderation';
import { outlineEn } from './outline';
import { peopleEn } from './people';
import { privateEn } from './privateBrainstorm';
import { toolMenusEn } from './toolMenus';
import { votesEn } from './votes';
import { workshopEn } from './workshop';

/**
 * English messages. This catalogue defines the key set: fi.ts and sv.ts are typed as
 * `Messages`, so a key missing from (or misspelt in) either is a type error.
 * Placeholders are written `{name}` and filled by `formatMessage`.
 */
export const en = {
  ...workshopEn,
  ...commentsEn,
  ...attentionEn,
  ...a11yEn,
  ...outlineEn,
  ...votesEn,
  ...privateEn,
  ...exportsEn,
  ...languagesEn,
  ...mediaEn,
  ...toolMenusEn,
  ...historyEn,
  ...peopleEn,
  ...moderationEn,
  ...authorityEn,
  ...importsEn,
  ...keysEn,
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
  'landing.error.createThrottled':
    'Too many boards were created from your network just now. Try again in a few minutes.',
  'landing.error.createRestricted':
    'On this server only its operators create boards. Ask your facilitator for a link.',
  'landing.error.noAccess':
    'This link does not open the board: it has no access key, or it has expired or been revoked. Ask for a new link.',

  'board.loading': 'Opening the board…',
  'board.untitled': 'Untitled board',
  'board.error.notFound':
    'Board not found. The link may be wrong, or the board may have been removed.',
  'board.error.invalidId': 'This address does not point to a board. Check the link.',
  'board.error.revoked':
    'The facilitator has withdrawn this link, so the board closed here. What was saved stays on the board. Ask the facilitator for a new link.',
  'board.error.revokedLink':
    'The facilitator has withdrawn this link. Ask the facilitator for a new link.',
  'board.error.linkMismatch':
    'This address does not open a board: its board and its key do not match. Check that the whole link was copied, or ask for it again.',
  'board.error.noAccess':
    'This link does not open the board: it has no access key, or it has expired or been revoked. Ask the facilitator for a new link.',
  'board.error.unavailable': 'The board cannot be loaded right now. Please try again shortly.',
  'board.error.changeRefused':
    'Your last change could not be saved: the board no longer allowed it (for example, the note had just been locked). Start again from the board as it is now.',
  'board.error.linkExpired': 'This link has expired. Ask the facilitator for a new link.',
  'board.error.tooLarge':
    'Your last change could not be saved: the board already holds as much as this server allows. Continue from the board as it is now, and ask the facilitator to tidy it.',
  'board.error.tooComplex':
    'Your last change could not be saved: it was larger or more deeply nested than a board takes at once. Continue from the board as it is now.',
  'board.error.reloadFresh': "Reload the board (discards this browser's unsaved changes)",
  'board.error.network': 'Could not reach the server. Check your connection and try again.',
  'board.retry': 'Try again',
  'board.error.outdated': 'Paja was updated — please reload the page.',
  'board.reload': 'Reload',
  'board.backHome': 'Go to the front page',
  'board.canvasLabel': 'Board canvas. Double-click an empty spot to add a note.',
  'board.canvasLabelRead': 'Board canvas, to read. Drag to move the view.',
  'vote.zoomHint':
    'Notes too small here for dot buttons: {count}. Zoom in, or vote from the list in the Vote panel.',
  'vote.zoomIn': 'Zoom in to vote',
  'board.hint':
    'Double-click to add a note · Drag the background to select · Space + drag or two fingers to pan · Scroll to zoom',
  'board.invalidNotes': '{count} notes on this board could not be read and are not shown.',

  'connection.label': 'Connection: {state}',
  'connection.connecting': 'Connecting…',
  'connection.online': 'Online',
  'connection.offline': 'Offline',
  'save.saved': 'All changes saved',
  'save.savedShort': 'Saved',
  'save.unsaved': 'Not saved yet',
  'offline.quota':
    'This browser has no room left to keep the board for offline use. Your changes still go to the server while you are online; offline edits may be lost on reload.',
  'offline.failed':
    'This browser cannot keep a copy of the board for offline use. Your changes still go to the server while you are online; offline edits may be lost on reload.',
  'offline.rescue.text':
    'This browser still holds changes to this board that never reached the server.',
  'offline.rescue.download': 'Download a copy',
  'offline.rescue.delete': 'Delete it from this browser',

  'participants.count': 'Participants: {count}',
  'participants.heading': 'On this board now',
  'participants.you': '{name} (you)',

  'name.title': 'What is your name?',
  'name.help': 'Others on the board see this name next to your cursor and on the notes you add.',
  'name.helpComments': 'Others on the board see this name on your comments.',
  'name.helpViewer': 'Others on the board see this name in the list of people here.',
  'name.label': 'Name',
  'name.submit': 'Join the board',
  'name.save': 'Save',
  'name.cancel': 'Cancel',
  'name.change': 'Change name',

  'toolbar.label': 'Board tools',
  'toolbar.addNote': 'Add note',
  'toolbar.deleteNote': 'Delete ({count})',
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
  'editor.count': '{count} of {limit} characters',
  'editor.full': 'The note is full: at most {limit} characters.',
  'editor.pasteCut':
    'A note holds at most {limit} characters: the last {count} characters of the paste were left out. Split the text into several notes.',

  'toolbar.selectTool': 'Select: drag on the background to select notes (V)',
  'toolbar.panTool': 'Move the view: drag to pan (H, or hold Space)',
  'toolbar.undo': 'Undo (Ctrl+Z)',
  'toolbar.redo': 'Redo (Ctrl+Shift+Z)',
  'toolbar.duplicate': 'Duplicate (Ctrl+D)',
  'toolbar.makeCluster': 'Group the selected notes into a topic',
  'toolbar.makeClusterShort': 'Group',
  'toolbar.lock': 'Lock',
  'toolbar.unlock': 'Unlock',
  'toolbar.zoomFit': 'Show the whole board (Shift+1)',
  'toolbar.zoomSelection': 'Zoom to the selection (Shift+2)',
  'command.editNote': 'Edit note',
  'command.rename': 'Rename',
  'command.move': 'Move',
  'command.nudge': 'Move the selection (arrow keys)',
  'command.resize': 'Resize note',
  'command.selectAll': 'Select all (Ctrl+A)',
  'command.clearSelection': 'Clear the selection (Esc)',
  'command.search': 'Search (Ctrl+F)',
  'command.paste': 'Paste',
  'command.cut': 'Cut',
  'cluster.tools': 'Topic',
  'cluster.rename': 'Rename',
  'cluster.arrange': 'Tidy up',
  'cluster.collapse': 'Collapse',
  'cluster.expand': 'Expand',
  'cluster.delete': 'Ungroup',
  'cluster.untitled': 'Untitled',
  'cluster.count': '{count} notes',
  'cluster.count.one': '{count} note',
  'title.label': 'Title',
  'title.placeholder': 'Type a title, then Enter',
  'paste.tooMany': 'Nothing was pasted: {count} notes is more than one paste can hold ({limit}).',
  'paste.tooLong':
    'Nothing was pasted: line {line} is longer than a note can hold ({limit} characters).',
  'paste.confirm': 'Create {count} notes, one for each line?',
  'paste.confirmOk': 'Create notes',
  'paste.rowsCreated': '{count} notes created from the pasted rows.',
  'paste.confirmRows': 'Create {count} notes, one for each row of the table?',
  'paste.created': '{count} notes created from the pasted lines.',
  'minimap.label': 'Overview of the whole board; click to move there',
  'search.label': 'Search notes',
  'search.placeholder': 'Search notes…',
  'search.none': 'No matches',
  'search.position': '{index} / {count}',
  'search.previous': 'Previous match',
  'search.next': 'Next match',
  'roadmap.heading': 'Roadmap',
  'roadmap.empty':
    'The roadmap has themes as rows and periods up to 2030 as columns. Drop notes into its cells.',
  'roadmap.create': 'Create roadmap',
  'roadmap.show': 'Show on the board',
  'roadmap.lanes': 'Themes',
  'roadmap.periods': 'Periods',
  'roadmap.addLane': 'Add theme',
  'roadmap.addPeriod': 'Add period',
  'roadmap.lane': 'Theme {index}',
  'roadmap.period': 'Period {index}',
  'roadmap.moveUp': 'Move earlier',
  'roadmap.moveDown': 'Move later',
  'roadmap.delete': 'Delete (the notes stay on the board)',
  'roadmap.defaultLane': 'New theme',
  'panel.close': 'Close',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
