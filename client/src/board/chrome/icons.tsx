/**
 * Toolbar icons as inline SVG: symbol characters (✋, ⧉, ⛶) depend on the fonts of the
 * device and show as empty boxes where a font lacks them (a kiosk, a locked-down tablet).
 */
function Icon({ d }: { d: string }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={d} />
    </svg>
  );
}

export const SelectIcon = () => (
  <Icon d="M4 4h4v2H6v2H4V4zm6 0h4v2h-4V4zm6 0h4v4h-2V6h-2V4zM4 10h2v4H4v-4zm14 0h2v4h-2v-4zM4 16h2v2h2v2H4v-4zm14 2v-2h2v4h-4v-2h2zm-8 0h4v2h-4v-2z" />
);
export const HandIcon = () => (
  <Icon d="M12 2a1.5 1.5 0 0 1 1.5 1.5V11h1V4.5a1.5 1.5 0 0 1 3 0V11h1V7.5a1.5 1.5 0 0 1 3 0V15a7 7 0 0 1-7 7h-1.2a7 7 0 0 1-5.6-2.8L3 13.3a1.5 1.5 0 0 1 2.3-1.9L8 14V5.5a1.5 1.5 0 0 1 3 0V11h1V3.5z" />
);
export const DuplicateIcon = () => <Icon d="M8 8h12v12H8V8zm2 2v8h8v-8h-8zM4 4h12v2H6v10H4V4z" />;
export const FitIcon = () => (
  <Icon d="M3 3h6v2H5v4H3V3zm12 0h6v6h-2V5h-4V3zM3 15h2v4h4v2H3v-6zm16 0h2v6h-6v-2h4v-4zM8 8h8v8H8V8z" />
);
export const FocusIcon = () => (
  <Icon d="M11 2h2v3.1A7 7 0 0 1 18.9 11H22v2h-3.1A7 7 0 0 1 13 18.9V22h-2v-3.1A7 7 0 0 1 5.1 13H2v-2h3.1A7 7 0 0 1 11 5.1V2zm1 5a5 5 0 1 0 0 10 5 5 0 0 0 0-10zm0 3a2 2 0 1 1 0 4 2 2 0 0 1 0-4z" />
);
export const TrashIcon = () => (
  <Icon d="M9 3h6l1 2h4v2H4V5h4l1-2zm-3 6h12l-1 12H7L6 9zm4 2v8h2v-8h-2zm4 0v8h2v-8h-2z" />
);
export const LockIcon = () => (
  <Icon d="M12 2a5 5 0 0 1 5 5v3h1a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h1V7a5 5 0 0 1 5-5zm0 2a3 3 0 0 0-3 3v3h6V7a3 3 0 0 0-3-3zm0 9a2 2 0 0 0-1 3.7V18h2v-1.3A2 2 0 0 0 12 13z" />
);
export const UnlockIcon = () => (
  <Icon d="M12 2a5 5 0 0 1 5 5h-2a3 3 0 0 0-6 0v3h9a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h1V7a5 5 0 0 1 5-5zm0 11a2 2 0 0 0-1 3.7V18h2v-1.3A2 2 0 0 0 12 13z" />
);
/** A speech bubble: comments. */
export const CommentIcon = () => (
  <Icon d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm0 2v11h2v2l2.5-2H20V5H4zm3 3h10v2H7V8zm0 4h7v2H7v-2z" />
);
/** Two people: how many are here. */
export const PeopleIcon = () => (
  <Icon d="M9 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8zm0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm8 1a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM9 13c3.9 0 7 1.8 7 4v3H2v-3c0-2.2 3.1-4 7-4zm0 2c-2.9 0-5 1.2-5 2v1h10v-1c0-.8-2.1-2-5-2zm8-1c2.8 0 5 1.3 5 3v3h-4v-2h2v-1c0-.5-1.2-1-3-1h-.3a5 5 0 0 0-1.5-1.9c.6-.1 1.2-.1 1.8-.1z" />
);
/** A raised thumb: support (+1). */
export const SupportIcon = () => (
  <Icon d="M2 10h4v11H2V10zm6 11V10l5-8 1.3.6a2 2 0 0 1 1 2.3L14.4 9H20a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18.6 21H8zm2-2h8.6l1.4-8h-8.2l1.4-4.9L10 10.6V19z" />
);
/** A framed picture with a hill and a sun: add an image. */
export const ImageIcon = () => (
  <Icon d="M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm0 2v9.6l4.3-4.3 3.5 3.5 2.2-2.2 6 6V6H4zm11.5 1.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4z" />
);
