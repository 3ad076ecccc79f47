/**
 * Comments being written, kept in this tab's sessionStorage until they are sent: a reload, a
 * closed panel or a lost connection does not lose them, and when the board closes for good (a
 * revoked or expired link) the page that says so shows them to copy. Keyed by the page's path
 * (one board) and the place written to (an anchor, a reply). Storage can throw (private
 * browsing, a full quota): then drafts live only as long as the form.
 */
const PREFIX = 'paja.commentDraft:';

function keyOf(place: string): string {
  return `${PREFIX}${window.location.pathname}#${place}`;
}

export function loadDraft(place: string): string {
  try {
    return window.sessionStorage.getItem(keyOf(place)) ?? '';
  } catch {
    return '';
  }
}

/** Keeps `text` for `place`; an empty text forgets it. */
export function saveDraft(place: string, text: string): void {
  try {
    if (text.trim() === '') window.sessionStorage.removeItem(keyOf(place));
    else window.sessionStorage.setItem(keyOf(place), text);
  } catch {
    // Kept only in the form.
  }
}

/** This page's board's drafts not yet sent, as [place, text], in storage order. */
function ownDrafts(): [string, string][] {
  const own = `${PREFIX}${window.location.pathname}#`;
  try {
    const drafts: [string, string][] = [];
    for (let i = 0; i < window.sessionStorage.length; i++) {
      const key = window.sessionStorage.key(i);
      if (!key?.startsWith(own)) continue;
      const text = window.sessionStorage.getItem(key);
      if (text) drafts.push([key.slice(own.length), text]);
    }
    return drafts;
  } catch {
    return [];
  }
}

/** The drafts of this page's board not yet sent. */
export function unsentDrafts(): string[] {
  return ownDrafts().map(([, text]) => text);
}

/** The unsent new comments on this board's items (not replies): the item's anchor key and text. */
export function unsentItemDrafts(): { anchor: string; text: string }[] {
  return ownDrafts()
    .filter(([place]) => place.startsWith('anchor:'))
    .map(([place, text]) => ({ anchor: place.slice('anchor:'.length), text }));
}
