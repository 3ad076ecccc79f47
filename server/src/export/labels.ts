import type { Locale } from '@paja/shared';

/**
 * The words an export writes, in the board's language. The exports are made on the server (so
 * the CLI and the web give the same file), so their headings live here rather than in the
 * client's i18n.
 */
export interface ExportLabels {
  report: string;
  /** The heading of a board with no title, as the board itself shows it. */
  untitled: string;
  exported: string;
  overview: string;
  notes: string;
  topics: string;
  topic: string;
  noTopic: string;
  roadmap: string;
  roadmapCell: string;
  lane: string;
  text: string;
  author: string;
  organisation: string;
  votes: string;
  comments: string;
  commentCount: string;
  voteResults: string;
  voters: string;
  rank: string;
  on: string;
  board: string;
  emptyCell: string;
  none: string;
  imageCapped: string;
  /** The topics with no notes, listed together instead of a heading (or page) each. */
  emptyTopics: string;
  /** The comments sheet's columns: the comment's number, when, and which comment it answers. */
  commentNumber: string;
  time: string;
  replyTo: string;
  /** Said of a reply whose comment is not in the report (hidden, waiting or deleted). */
  replyToUnshown: string;
  /** A comment's author who gave no name (stored as ""). */
  anonymous: string;
}

const LABELS: Record<Locale, ExportLabels> = {
  fi: {
    report: 'Työpajaraportti',
    untitled: 'Nimetön taulu',
    exported: 'Viety',
    overview: 'Yleiskuva',
    notes: 'Lappuja',
    topics: 'Aiheet',
    topic: 'Aihe',
    noTopic: 'Ei aihetta',
    roadmap: 'Tiekartta',
    roadmapCell: 'Tiekartan solu',
    lane: 'Teema',
    text: 'Teksti',
    author: 'Kirjoittaja',
    organisation: 'Organisaatio',
    votes: 'Ääniä',
    comments: 'Kommentit',
    commentCount: 'Kommentteja',
    voteResults: 'Äänestysten tulokset',
    voters: 'Äänestäjiä',
    rank: 'Sija',
    on: 'Kohde',
    board: 'Taulu',
    emptyCell: '–',
    none: 'Ei yhtään.',
    imageCapped: 'Kuva on pienennetty',
    emptyTopics: 'Aiheet ilman lappuja',
    commentNumber: 'Nro',
    time: 'Aika',
    replyTo: 'Vastaus kommenttiin nro',
    replyToUnshown: 'vastaus kommenttiin, joka ei ole näkyvissä',
    anonymous: 'Nimetön',
  },
  sv: {
    report: 'Workshoprapport',
    untitled: 'Namnlös tavla',
    exported: 'Exporterad',
    overview: 'Översikt',
    notes: 'Lappar',
    topics: 'Ämnen',
    topic: 'Ämne',
    noTopic: 'Inget ämne',
    roadmap: 'Färdplan',
    roadmapCell: 'Färdplanens cell',
    lane: 'Tema',
    text: 'Text',
    author: 'Författare',
    organisation: 'Organisation',
    votes: 'Röster',
    comments: 'Kommentarer',
    commentCount: 'Kommentarer',
    voteResults: 'Omröstningarnas resultat',
    voters: 'Röstande',
    rank: 'Plats',
    on: 'Gäller',
    board: 'Tavla',
    emptyCell: '–',
    none: 'Inga.',
    imageCapped: 'Bilden har förminskats',
    emptyTopics: 'Ämnen utan lappar',
    commentNumber: 'Nr',
    time: 'Tid',
    replyTo: 'Svar på kommentar nr',
    replyToUnshown: 'svar på en kommentar som inte visas',
    anonymous: 'Anonym',
  },
  en: {
    report: 'Workshop report',
    untitled: 'Untitled board',
    exported: 'Exported',
    overview: 'Overview',
    notes: 'Notes',
    topics: 'Topics',
    topic: 'Topic',
    noTopic: 'No topic',
    roadmap: 'Roadmap',
    roadmapCell: 'Roadmap cell',
    lane: 'Theme',
    text: 'Text',
    author: 'Author',
    organisation: 'Organisation',
    votes: 'Votes',
    comments: 'Comments',
    commentCount: 'Comment count',
    voteResults: 'Vote results',
    voters: 'Voters',
    rank: 'Rank',
    on: 'On',
    board: 'Board',
    emptyCell: '–',
    none: 'None.',
    imageCapped: 'The image was scaled down',
    emptyTopics: 'Topics without notes',
    commentNumber: 'No.',
    time: 'Time',
    replyTo: 'Reply to no.',
    replyToUnshown: 'reply to a comment not shown',
    anonymous: 'Anonymous',
  },
};

export function exportLabels(locale: Locale): ExportLabels {
  return LABELS[locale];
}
