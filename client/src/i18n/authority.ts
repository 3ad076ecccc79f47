import { type PhaseSetting, type RefusalReason, refusalReasonOf } from '@paja/shared';

/**
 * Messages of who may do what: the phase panel, locks, why an action is not possible now
 * (one sentence per refusal reason of shared's permission table), undo steps that were
 * dropped, and where a drop filed notes. Spread into the main catalogues like workshop.ts;
 * `fi` and `sv` are typed by the English keys, and every refusal reason must have its key.
 */
export const authorityEn = {
  'refusal.facilitatorOnly': 'Only a facilitator can do that.',
  'refusal.roleCannot': 'This link does not allow that.',
  'refusal.frozen': 'The board is frozen right now.',
  'refusal.locked': 'A facilitator has locked it.',
  'refusal.areaLocked': 'A facilitator has locked this area.',
  'refusal.closed.addNotes': 'Adding notes is closed right now.',
  'refusal.closed.moveOthers': "Moving other people's notes is closed right now.",
  'refusal.closed.editOthers': "Editing other people's notes is closed right now.",
  'refusal.closed.deleteOthers': "Deleting other people's notes is closed right now.",
  'refusal.closed.structure': 'Changing topics and the roadmap is closed right now.',
  'refusal.closed.vote': 'Voting is closed right now.',
  'refusal.closed.comment': 'Commenting is closed right now.',
  'refusal.closed.frozen': 'The board is frozen right now.',
  'refusal.notOwnName':
    "That would write in someone else's name (for example, bring back another person's note).",
  'refusal.setOnce': 'Who wrote a note, and when, cannot be changed.',
  'refusal.serverOnly': 'Dots are placed with the vote controls, not written into the board.',
  'refusal.invalid':
    'It held something a board cannot hold (a text over 4,000 characters, or a broken value).',
  'refusal.unknown': 'The board does not allow that right now.',

  'undo.dropped': 'This step can no longer be undone, so it was skipped. {reason}',
  'undo.done': 'Undone.',
  'redo.done': 'Redone.',
  'redo.dropped': 'This step can no longer be redone, so it was skipped. {reason}',
  'editor.closedByLock': 'The note was closed for editing. {reason}',
  'refused.stayed':
    'The server did not accept your last change. {reason} The board now shows what was saved.',

  'phase.button': 'Phase',
  'phase.heading': 'What participants may do',
  'phase.intro':
    'Changes apply at once for everyone. Participants can always move, edit and delete their own notes, unless the board is frozen or the note is locked.',
  'phase.setting.addNotes': 'Add notes',
  'phase.setting.moveOthers': "Move other people's notes",
  'phase.setting.editOthers': "Edit other people's notes",
  'phase.setting.deleteOthers': "Delete other people's notes",
  'phase.setting.structure': 'Change topics and the roadmap (themes, periods)',
  'phase.setting.vote': 'Vote',
  'phase.setting.comment': 'Comment',
  'phase.frozen': 'Freeze the board',
  'phase.frozen.help':
    'Nothing on the board changes until you unfreeze it. Voting and commenting follow their own switches.',
  'phase.frozenBadge': 'The board is frozen',
  'phase.defaults': 'Back to workshop defaults',
  'phase.locks': 'Locked areas',
  'phase.lock.roadmap': 'Lock the roadmap',
  'phase.lock.roadmap.help':
    'Participants cannot change themes or periods, or move notes in or out of its cells.',
  'phase.lock.clusters': 'Lock the topics',
  'phase.lock.clusters.help': 'Participants cannot change topics, or move notes in or out of them.',
  'phase.yourView': 'What you can do now',

  'lock.lock': 'Lock',
  'lock.unlock': 'Unlock',
  'lock.locked': 'Locked',
  'lock.lockCluster': 'Lock the topic',
  'lock.unlockCluster': 'Unlock the topic',
  'lock.lockItem': 'Lock “{title}”',
  'lock.unlockItem': 'Unlock “{title}”',

  'confirm.deleteLane':
    'Delete the theme “{title}”? Its notes stay on the board but leave the roadmap.',
  'confirm.deletePeriod':
    'Delete the period “{title}”? Its notes stay on the board but leave the roadmap.',
  'confirm.ungroup': 'Ungroup “{title}”? The notes stay on the board.',
  'confirm.delete': 'Delete',
  'confirm.cancel': 'Cancel',

  'drop.toCluster': '{count} notes went into the topic “{title}”.',
  'drop.toCell': '{count} notes went into {lane} · {period}.',
  'drop.outOfCluster': '{count} notes left their topic.',
  'drop.outOfRoadmap': '{count} notes left the roadmap.',
  'drop.toCluster.one': '{count} note went into the topic “{title}”.',
  'drop.toCell.one': '{count} note went into {lane} · {period}.',
  'drop.outOfCluster.one': '{count} note left its topic.',
  'drop.outOfRoadmap.one': '{count} note left the roadmap.',
} as const;

export type AuthorityMessages = Record<keyof typeof authorityEn, string>;

export const authorityFi: AuthorityMessages = {
  'refusal.facilitatorOnly': 'Vain fasilitaattori voi tehdä tämän.',
  'refusal.roleCannot': 'Tämä linkki ei salli sitä.',
  'refusal.frozen': 'Taulu on nyt jäädytetty.',
  'refusal.locked': 'Fasilitaattori on lukinnut sen.',
  'refusal.areaLocked': 'Fasilitaattori on lukinnut tämän alueen.',
  'refusal.closed.addNotes': 'Lappujen lisääminen on nyt suljettu.',
  'refusal.closed.moveOthers': 'Muiden lappujen siirtäminen on nyt suljettu.',
  'refusal.closed.editOthers': 'Muiden lappujen muokkaaminen on nyt suljettu.',
  'refusal.closed.deleteOthers': 'Muiden lappujen poistaminen on nyt suljettu.',
  'refusal.closed.structure': 'Aiheiden ja tiekartan muuttaminen on nyt suljettu.',
  'refusal.closed.vote': 'Äänestäminen on nyt suljettu.',
  'refusal.closed.comment': 'Kommentointi on nyt suljettu.',
  'refusal.closed.frozen': 'Taulu on nyt jäädytetty.',
  'refusal.notOwnName':
    'Se kirjoittaisi jonkun toisen nimissä (esimerkiksi palauttaisi toisen henkilön lapun).',
  'refusal.setOnce': 'Lapun kirjoittajaa ja kirjoitusaikaa ei voi muuttaa.',
  'refusal.serverOnly': 'Pisteet annetaan äänestyksen painikkeilla, ei kirjoittamalla tauluun.',
  'refusal.invalid':
    'Siinä oli jotain, mitä taulu ei voi sisältää (yli 4 000 merkin teksti tai rikkinäinen arvo).',
  'refusal.unknown': 'Taulu ei nyt salli sitä.',

  'undo.dropped': 'Tätä vaihetta ei voi enää kumota, joten se ohitettiin. {reason}',
  'undo.done': 'Kumottu.',
  'redo.done': 'Tehty uudelleen.',
  'redo.dropped': 'Tätä vaihetta ei voi enää tehdä uudelleen, joten se ohitettiin. {reason}',
  'editor.closedByLock': 'Lapun muokkaus suljettiin. {reason}',
  'refused.stayed':
    'Palvelin ei hyväksynyt viimeisintä muutostasi. {reason} Taulu näyttää nyt tallennetun tilan.',

  'phase.button': 'Vaihe',
  'phase.heading': 'Mitä osallistujat saavat tehdä',
  'phase.intro':
    'Muutokset tulevat voimaan heti kaikille. Osallistujat voivat aina siirtää, muokata ja poistaa omia lappujaan, ellei taulu ole jäädytetty tai lappu lukittu.',
  'phase.setting.addNotes': 'Lisätä lappuja',
  'phase.setting.moveOthers': 'Siirtää muiden lappuja',
  'phase.setting.editOthers': 'Muokata muiden lappuja',
  'phase.setting.deleteOthers': 'Poistaa muiden lappuja',
  'phase.setting.structure': 'Muuttaa aiheita ja tiekarttaa (teemat, ajanjaksot)',
  'phase.setting.vote': 'Äänestää',
  'phase.setting.comment': 'Kommentoida',
  'phase.frozen': 'Jäädytä taulu',
  'phase.frozen.help':
    'Taululla ei muutu mikään, ennen kuin poistat jäädytyksen. Äänestys ja kommentointi seuraavat omia valintojaan.',
  'phase.frozenBadge': 'Taulu on jäädytetty',
  'phase.defaults': 'Palauta työpajan oletukset',
  'phase.locks': 'Lukitut alueet',
  'phase.lock.roadmap': 'Lukitse tiekartta',
  'phase.lock.roadmap.help':
    'Osallistujat eivät voi muuttaa teemoja tai ajanjaksoja eivätkä siirtää lappuja sen soluihin tai niistä pois.',
  'phase.lock.clusters': 'Lukitse aiheet',
  'phase.lock.clusters.help':
    'Osallistujat eivät voi muuttaa aiheita eivätkä siirtää lappuja niihin tai niistä pois.',
  'phase.yourView': 'Mitä voit nyt tehdä',

  'lock.lock': 'Lukitse',
  'lock.unlock': 'Avaa lukitus',
  'lock.locked': 'Lukittu',
  'lock.lockCluster': 'Lukitse aihe',
  'lock.unlockCluster': 'Avaa aiheen lukitus',
  'lock.lockItem': 'Lukitse ”{title}”',
  'lock.unlockItem': 'Avaa lukitus: ”{title}”',

  'confirm.deleteLane':
    'Poistetaanko teema ”{title}”? Sen laput jäävät taululle mutta poistuvat tiekartalta.',
  'confirm.deletePeriod':
    'Poistetaanko ajanjakso ”{title}”? Sen laput jäävät taululle mutta poistuvat tiekartalta.',
  'confirm.ungroup': 'Puretaanko aihe ”{title}”? Laput jäävät taululle.',
  'confirm.delete': 'Poista',
  'confirm.cancel': 'Peruuta',

  'drop.toCluster': '{count} lappua siirtyi aiheeseen ”{title}”.',
  'drop.toCell': '{count} lappua siirtyi kohtaan {lane} · {period}.',
  'drop.outOfCluster': '{count} lappua poistui aiheestaan.',
  'drop.outOfRoadmap': '{count} lappua poistui tiekartalta.',
  'drop.toCluster.one': '{count} lappu siirtyi aiheeseen ”{title}”.',
  'drop.toCell.one': '{count} lappu siirtyi kohtaan {lane} · {period}.',
  'drop.outOfCluster.one': '{count} lappu poistui aiheestaan.',
  'drop.outOfRoadmap.one': '{count} lappu poistui tiekartalta.',
};

export const authoritySv: AuthorityMessages = {
  'refusal.facilitatorOnly': 'Bara en facilitator kan göra det.',
  'refusal.roleCannot': 'Den här länken tillåter inte det.',
  'refusal.frozen': 'Tavlan är frusen just nu.',
  'refusal.locked': 'En facilitator har låst den.',
  'refusal.areaLocked': 'En facilitator har låst det här området.',
  'refusal.closed.addNotes': 'Att lägga till lappar är stängt just nu.',
  'refusal.closed.moveOthers': 'Att flytta andras lappar är stängt just nu.',
  'refusal.closed.editOthers': 'Att redigera andras lappar är stängt just nu.',
  'refusal.closed.deleteOthers': 'Att ta bort andras lappar är stängt just nu.',
  'refusal.closed.structure': 'Att ändra ämnen och färdplanen är stängt just nu.',
  'refusal.closed.vote': 'Röstningen är stängd just nu.',
  'refusal.closed.comment': 'Att kommentera är stängt just nu.',
  'refusal.closed.frozen': 'Tavlan är frusen just nu.',
  'refusal.notOwnName':
    'Det skulle skriva i någon annans namn (till exempel ta tillbaka en annan persons lapp).',
  'refusal.setOnce': 'Vem som skrev en lapp, och när, kan inte ändras.',
  'refusal.serverOnly': 'Prickar sätts med röstningsknapparna, inte genom att skriva på tavlan.',
  'refusal.invalid':
    'Den innehöll något som en tavla inte kan innehålla (en text på över 4 000 tecken eller ett trasigt värde).',
  'refusal.unknown': 'Tavlan tillåter inte det just nu.',

  'undo.dropped': 'Det här steget kan inte längre ångras, så det hoppades över. {reason}',
  'undo.done': 'Ångrat.',
  'redo.done': 'Gjort om.',
  'redo.dropped': 'Det här steget kan inte längre göras om, så det hoppades över. {reason}',
  'editor.closedByLock': 'Lappen stängdes för redigering. {reason}',
  'refused.stayed':
    'Servern godtog inte din senaste ändring. {reason} Tavlan visar nu det som sparats.',

  'phase.button': 'Fas',
  'phase.heading': 'Vad deltagarna får göra',
  'phase.intro':
    'Ändringar gäller direkt för alla. Deltagarna kan alltid flytta, redigera och ta bort sina egna lappar, om inte tavlan är frusen eller lappen låst.',
  'phase.setting.addNotes': 'Lägga till lappar',
  'phase.setting.moveOthers': 'Flytta andras lappar',
  'phase.setting.editOthers': 'Redigera andras lappar',
  'phase.setting.deleteOthers': 'Ta bort andras lappar',
  'phase.setting.structure': 'Ändra ämnen och färdplanen (teman, perioder)',
  'phase.setting.vote': 'Rösta',
  'phase.setting.comment': 'Kommentera',
  'phase.frozen': 'Frys tavlan',
  'phase.frozen.help':
    'Ingenting på tavlan ändras förrän du tar bort frysningen. Röstning och kommentarer följer sina egna val.',
  'phase.frozenBadge': 'Tavlan är frusen',
  'phase.defaults': 'Tillbaka till workshopens standardval',
  'phase.locks': 'Låsta områden',
  'phase.lock.roadmap': 'Lås färdplanen',
  'phase.lock.roadmap.help':
    'Deltagarna kan inte ändra teman eller perioder eller flytta lappar in i eller ut ur dess celler.',
  'phase.lock.clusters': 'Lås ämnena',
  'phase.lock.clusters.help':
    'Deltagarna kan inte ändra ämnen eller flytta lappar in i eller ut ur dem.',
  'phase.yourView': 'Vad du kan göra nu',

  'lock.lock': 'Lås',
  'lock.unlock': 'Lås upp',
  'lock.locked': 'Låst',
  'lock.lockCluster': 'Lås ämnet',
  'lock.unlockCluster': 'Lås upp ämnet',
  'lock.lockItem': 'Lås ”{title}”',
  'lock.unlockItem': 'Lås upp ”{title}”',

  'confirm.deleteLane':
    'Ta bort temat ”{title}”? Dess lappar blir kvar på tavlan men lämnar färdplanen.',
  'confirm.deletePeriod':
    'Ta bort perioden ”{title}”? Dess lappar blir kvar på tavlan men lämnar färdplanen.',
  'confirm.ungroup': 'Lösa upp ämnet ”{title}”? Lapparna blir kvar på tavlan.',
  'confirm.delete': 'Ta bort',
  'confirm.cancel': 'Avbryt',

  'drop.toCluster': '{count} lappar flyttades till ämnet ”{title}”.',
  'drop.toCell': '{count} lappar flyttades till {lane} · {period}.',
  'drop.outOfCluster': '{count} lappar lämnade sitt ämne.',
  'drop.outOfRoadmap': '{count} lappar lämnade färdplanen.',
  'drop.toCluster.one': '{count} lapp flyttades till ämnet ”{title}”.',
  'drop.toCell.one': '{count} lapp flyttades till {lane} · {period}.',
  'drop.outOfCluster.one': '{count} lapp lämnade sitt ämne.',
  'drop.outOfRoadmap.one': '{count} lapp lämnade färdplanen.',
};

/** Every refusal reason of the permission table has its sentence. */
export type RefusalMessageKey = `refusal.${RefusalReason}`;
const _everyReasonIsSaid: Record<RefusalMessageKey, string> = authorityEn;
void _everyReasonIsSaid;

export type PhaseSettingMessageKey = `phase.setting.${Exclude<PhaseSetting, 'frozen'>}`;
const _everySettingIsNamed: Record<PhaseSettingMessageKey, string> = authorityEn;
void _everySettingIsNamed;

/** The sentence for a refusal reason; a reason this build does not know reads as "not now". */
export function refusalKey(reason: RefusalReason | null): RefusalMessageKey | 'refusal.unknown' {
  return reason === null ? 'refusal.unknown' : `refusal.${reason}`;
}

/**
 * The sentence for the reason text the server sent with a refusal (English, from shared's
 * REFUSAL_MESSAGES, perhaps followed by ": detail"): the person reads it in their language.
 */
export function refusalKeyOfMessage(message: string): RefusalMessageKey | 'refusal.unknown' {
  return refusalKey(refusalReasonOf(message));
}
