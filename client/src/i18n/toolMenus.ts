/**
 * Messages of the toolbar's menus ("More" for the workshop's less-used dialogs and panels, the
 * selected topic's tools), in all three languages side by side. Spread into the catalogues.
 * Finnish says "Muut" (others), never "Lisää", which already means "add" on the toolbar.
 */
export const toolMenusEn = {
  'toolbar.more': 'More',
  'toolbar.moreLabel': 'More tools',
  'toolbar.selectionLabel': 'Selection and view',
};

export const toolMenusFi: Record<keyof typeof toolMenusEn, string> = {
  'toolbar.more': 'Muut',
  'toolbar.moreLabel': 'Muut työkalut',
  'toolbar.selectionLabel': 'Valinta ja näkymä',
};

export const toolMenusSv: Record<keyof typeof toolMenusEn, string> = {
  'toolbar.more': 'Mer',
  'toolbar.moreLabel': 'Fler verktyg',
  'toolbar.selectionLabel': 'Urval och vy',
};
