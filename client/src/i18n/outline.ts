/**
 * Messages of the outline's votes, comments and moderation (the list view of the board), kept
 * apart and spread into the main catalogues. `fi` and `sv` are typed by the English keys.
 */
export const outlineEn = {
  'outline.giveDot': 'Give a dot',
  'outline.takeDot': 'Take a dot back',
  'outline.yourDots': 'Your dots: {count}',
  'outline.dotsOn': 'Dots on “{note}”',
  'outline.voteRunning': 'A vote is open: give your dots with the buttons under each note.',
  'outline.comment': 'Comment',
  'outline.commentLabel': 'Your comment on {item}',
  'outline.commentsOn': 'Comments on {item}',
  'outline.commentSent': 'Comment sent.',
  'outline.boardComments': 'Comments on the whole board',
  'outline.noteItem': 'the note “{text}”',
  'outline.topicItem': 'the topic “{name}”',
  'outline.cellItem': 'the roadmap cell {lane} / {period}',
  'outline.boardItem': 'the whole board',
  'outline.supportNote': 'Support the note',
  'outline.moderation': 'Moderation queue',
};

export const outlineFi: Record<keyof typeof outlineEn, string> = {
  'outline.giveDot': 'Anna piste',
  'outline.takeDot': 'Ota piste takaisin',
  'outline.yourDots': 'Pisteesi: {count}',
  'outline.dotsOn': 'Pisteet lapulle ”{note}”',
  'outline.voteRunning': 'Äänestys on auki: anna pisteesi kunkin lapun alla olevilla painikkeilla.',
  'outline.comment': 'Kommentoi',
  'outline.commentLabel': 'Kommenttisi: {item}',
  'outline.commentsOn': 'Kommentit: {item}',
  'outline.commentSent': 'Kommentti lähetetty.',
  'outline.boardComments': 'Kommentit koko taulusta',
  'outline.noteItem': 'lappu ”{text}”',
  'outline.topicItem': 'aihe ”{name}”',
  'outline.cellItem': 'tiekartan solu {lane} / {period}',
  'outline.boardItem': 'koko taulu',
  'outline.supportNote': 'Kannata lappua',
  'outline.moderation': 'Moderointijono',
};

export const outlineSv: Record<keyof typeof outlineEn, string> = {
  'outline.giveDot': 'Ge en punkt',
  'outline.takeDot': 'Ta tillbaka en punkt',
  'outline.yourDots': 'Dina punkter: {count}',
  'outline.dotsOn': 'Punkter på ”{note}”',
  'outline.voteRunning': 'En omröstning pågår: ge dina punkter med knapparna under varje lapp.',
  'outline.comment': 'Kommentera',
  'outline.commentLabel': 'Din kommentar: {item}',
  'outline.commentsOn': 'Kommentarer: {item}',
  'outline.commentSent': 'Kommentaren skickades.',
  'outline.boardComments': 'Kommentarer om hela tavlan',
  'outline.noteItem': 'lappen ”{text}”',
  'outline.topicItem': 'ämnet ”{name}”',
  'outline.cellItem': 'färdplanens cell {lane} / {period}',
  'outline.boardItem': 'hela tavlan',
  'outline.supportNote': 'Stöd lappen',
  'outline.moderation': 'Modereringskö',
};
