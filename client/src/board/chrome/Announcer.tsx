/**
 * The canvas's polite live region: what the keys did ("Selected", "Moved to the topic …"), said
 * by a screen reader without moving the focus. Always in the page, so that a change of its text
 * is announced; each announcement is a new element, so saying the same thing twice is heard
 * twice.
 */
export function Announcer({
  announcement,
}: {
  announcement: { text: string; seq: number } | null;
}) {
  return (
    <div
      className="visually-hidden"
      role="status"
      aria-atomic="true"
      data-testid="canvas-announcer"
    >
      {announcement && <span key={announcement.seq}>{announcement.text}</span>}
    </div>
  );
}
