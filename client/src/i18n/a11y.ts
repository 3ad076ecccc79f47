/**
 * Messages of the compact header, the skip link and the accessibility statement, kept apart
 * from the main catalogues and spread into them, so the three languages are read side by side.
 * `fi` and `sv` are typed by the English keys.
 */
export const a11yEn = {
  'a11y.skip': 'Skip to the board',
  'a11y.skipContent': 'Skip to the content',
  'menu.open': 'Menu',
  'board.regionLabel': 'Board',
  'toolbar.zoomResetLabel': 'Reset zoom, now',
};

export const a11yFi: Record<keyof typeof a11yEn, string> = {
  'a11y.skip': 'Siirry tauluun',
  'a11y.skipContent': 'Siirry sisältöön',
  'menu.open': 'Valikko',
  'board.regionLabel': 'Taulu',
  'toolbar.zoomResetLabel': 'Palauta koko, nyt',
};

export const a11ySv: Record<keyof typeof a11yEn, string> = {
  'a11y.skip': 'Hoppa till tavlan',
  'a11y.skipContent': 'Hoppa till innehållet',
  'menu.open': 'Meny',
  'board.regionLabel': 'Tavla',
  'toolbar.zoomResetLabel': 'Återställ zoom, nu',
};
