/**
 * Messages of the private brainstorm, in the three languages side by side (spread into the
 * main catalogues like the workshop's). `fi` and `sv` are typed by the English keys.
 */
export const privateEn = {
  'private.tool': 'Private brainstorm',
  'private.dialog.title': 'Start a private brainstorm',
  'private.dialog.intro':
    'While it runs, each participant’s new notes are seen only by them. Nobody else’s browser receives them until you reveal them all at once.',
  'private.option.facilitatorsSee': 'Facilitators can see private notes',
  'private.option.hideAuthors': 'Hide authors on reveal',
  'private.start': 'Start',
  'private.cancel': 'Cancel',
  'private.banner.participant':
    'Private brainstorm: your new notes are visible only to you until the facilitator reveals them.',
  'private.banner.facilitator':
    'Private brainstorm running: participants’ new notes are hidden until you reveal them.',
  'private.banner.facilitatorSees': 'You can see them, marked as private.',
  'private.count': '{count} notes written by the group so far',
  'private.count.one': '1 note written by the group so far',
  'private.unsaved': '{count} of your private notes not yet saved',
  'private.reveal': 'Reveal all notes',
  'private.discard': 'Discard…',
  'private.discardConfirm':
    'End the private brainstorm and throw away all {count} private notes? Nobody will see them, and they cannot be brought back.',
  'private.discardOk': 'Discard notes',
  'private.revealed': 'The private notes are now on the board for everyone.',
  // Said on the board when a private brainstorm starts (chrome/phaseAnnouncements.ts).
  'private.announce.started':
    'A private brainstorm has started: your new notes are visible only to you until the facilitator reveals them.',
  'private.label.mine': 'Private — only you see this',
  'private.label.others': 'Private — {name}',
  'private.refused.notActive': 'The private brainstorm has already ended.',
  'private.refused.alreadyRunning': 'A private brainstorm is already running.',
  'private.refused.facilitatorOnly': 'Only a facilitator can do that.',
  'private.refused.roleCannot': 'This link does not allow writing notes.',
  'private.refused.phaseOff': 'Adding notes is closed right now; your private note was not kept.',
  'private.refused.tooMany': 'You have written as many private notes as one person may (200).',
  'private.refused.boardFull': 'The board holds as many private notes as it can.',
  'private.refused.notYours': 'That note is not yours to change.',
  'private.refused.tooFast': 'Too many changes at once; trying again.',
  'private.close': 'Close',
};
export type PrivateMessages = typeof privateEn;

export const privateFi: PrivateMessages = {
  'private.tool': 'Yksityinen ideointi',
  'private.dialog.title': 'Aloita yksityinen ideointi',
  'private.dialog.intro':
    'Ideoinnin aikana kunkin osallistujan uudet laput näkyvät vain hänelle itselleen. Kenenkään muun selain ei saa niitä ennen kuin paljastat ne kaikki kerralla.',
  'private.option.facilitatorsSee': 'Fasilitaattorit näkevät yksityiset laput',
  'private.option.hideAuthors': 'Piilota kirjoittajat paljastettaessa',
  'private.start': 'Aloita',
  'private.cancel': 'Peruuta',
  'private.banner.participant':
    'Yksityinen ideointi: uudet lappusi näkyvät vain sinulle, kunnes fasilitaattori paljastaa ne.',
  'private.banner.facilitator':
    'Yksityinen ideointi käynnissä: osallistujien uudet laput ovat piilossa, kunnes paljastat ne.',
  'private.banner.facilitatorSees': 'Sinä näet ne yksityisiksi merkittyinä.',
  'private.count': 'Ryhmä on kirjoittanut tähän mennessä {count} lappua',
  'private.count.one': 'Ryhmä on kirjoittanut tähän mennessä 1 lapun',
  'private.unsaved': '{count} yksityistä lappuasi ei ole vielä tallennettu',
  'private.reveal': 'Paljasta kaikki laput',
  'private.discard': 'Hylkää…',
  'private.discardConfirm':
    'Lopetetaanko yksityinen ideointi ja heitetäänkö kaikki {count} yksityistä lappua pois? Kukaan ei näe niitä, eikä niitä saa takaisin.',
  'private.discardOk': 'Hylkää laput',
  'private.revealed': 'Yksityiset laput ovat nyt taululla kaikkien nähtävinä.',
  'private.announce.started':
    'Yksityinen ideointi on alkanut: uudet lappusi näkyvät vain sinulle, kunnes fasilitaattori paljastaa ne.',
  'private.label.mine': 'Yksityinen – vain sinä näet tämän',
  'private.label.others': 'Yksityinen – {name}',
  'private.refused.notActive': 'Yksityinen ideointi on jo päättynyt.',
  'private.refused.alreadyRunning': 'Yksityinen ideointi on jo käynnissä.',
  'private.refused.facilitatorOnly': 'Vain fasilitaattori voi tehdä tämän.',
  'private.refused.roleCannot': 'Tällä linkillä ei voi kirjoittaa lappuja.',
  'private.refused.phaseOff':
    'Lappujen lisääminen on nyt suljettu; yksityistä lappuasi ei tallennettu.',
  'private.refused.tooMany': 'Olet kirjoittanut niin monta yksityistä lappua kuin voi (200).',
  'private.refused.boardFull': 'Tauluun ei mahdu enempää yksityisiä lappuja.',
  'private.refused.notYours': 'Et voi muuttaa toisen lappua.',
  'private.refused.tooFast': 'Liian monta muutosta kerralla; yritetään uudelleen.',
  'private.close': 'Sulje',
};

export const privateSv: PrivateMessages = {
  'private.tool': 'Privat idégenerering',
  'private.dialog.title': 'Starta en privat idégenerering',
  'private.dialog.intro':
    'Medan den pågår ser varje deltagare bara sina egna nya lappar. Ingen annans webbläsare får dem förrän du visar alla på en gång.',
  'private.option.facilitatorsSee': 'Facilitatorer kan se privata lappar',
  'private.option.hideAuthors': 'Dölj skribenterna när lapparna visas',
  'private.start': 'Starta',
  'private.cancel': 'Avbryt',
  'private.banner.participant':
    'Privat idégenerering: dina nya lappar syns bara för dig tills facilitatorn visar dem.',
  'private.banner.facilitator':
    'Privat idégenerering pågår: deltagarnas nya lappar är dolda tills du visar dem.',
  'private.banner.facilitatorSees': 'Du ser dem, märkta som privata.',
  'private.count': 'Gruppen har hittills skrivit {count} lappar',
  'private.count.one': 'Gruppen har hittills skrivit 1 lapp',
  'private.unsaved': '{count} av dina privata lappar är inte sparade ännu',
  'private.reveal': 'Visa alla lappar',
  'private.discard': 'Kasta…',
  'private.discardConfirm':
    'Avsluta den privata idégenereringen och kasta alla {count} privata lappar? Ingen får se dem, och de går inte att få tillbaka.',
  'private.discardOk': 'Kasta lapparna',
  'private.revealed': 'De privata lapparna finns nu på tavlan för alla.',
  'private.announce.started':
    'En privat idégenerering har börjat: dina nya lappar syns bara för dig tills facilitatorn visar dem.',
  'private.label.mine': 'Privat – bara du ser den här',
  'private.label.others': 'Privat – {name}',
  'private.refused.notActive': 'Den privata idégenereringen har redan avslutats.',
  'private.refused.alreadyRunning': 'En privat idégenerering pågår redan.',
  'private.refused.facilitatorOnly': 'Bara en facilitator kan göra det.',
  'private.refused.roleCannot': 'Med den här länken kan man inte skriva lappar.',
  'private.refused.phaseOff':
    'Att lägga till lappar är stängt just nu; din privata lapp sparades inte.',
  'private.refused.tooMany': 'Du har skrivit så många privata lappar som en person får (200).',
  'private.refused.boardFull': 'Tavlan rymmer inte fler privata lappar.',
  'private.refused.notYours': 'Den lappen är inte din att ändra.',
  'private.refused.tooFast': 'För många ändringar på en gång; försöker igen.',
  'private.close': 'Stäng',
};
