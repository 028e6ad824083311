// Every sentence Herald says to a person, in English. Other languages are other files of the
// same shape, so translating Herald is a data change.
const list = (items: string[]) => items.join(', ');

export const en = {
  preferences: {
    unknownCountry: (p: { input: string; valid: string[] }) =>
      `I don't know the country "${p.input}". Choose one of: ${list(p.valid)}.`,
    countryAlreadyPrimary: (p: { country: string }) => `${p.country} is already your primary country.`,
    countryAlreadyChosen: (p: { country: string }) => `${p.country} is already among your countries.`,
    countryNotChosen: (p: { country: string; chosen: string[] }) =>
      `${p.country} is not among your countries (you have: ${list(p.chosen)}).`,
    cannotRemovePrimaryCountry: (p: { country: string }) =>
      `${p.country} is your primary country and cannot be removed; choose another primary country first.`,
    unknownLanguage: (p: { input: string; country: string; valid: string[] }) =>
      `${p.country} offers no language "${p.input}". Available: ${list(p.valid)}.`,
    noOtherLanguage: (p: { country: string; only: string }) =>
      `No other language available for ${p.country}: it offers ${p.only} only.`,
    languageAlreadyChosen: (p: { language: string; country: string }) =>
      `${p.language} is already chosen for ${p.country}.`,
    languageNotChosen: (p: { language: string; country: string }) =>
      `${p.language} is not among your languages for ${p.country}.`,
    cannotRemovePrimaryLanguage: (p: { language: string; country: string }) =>
      `${p.language} is your primary language for ${p.country}; choose another primary language first.`,
    unknownSource: (p: { input: string; country: string; valid: string[] }) =>
      `"${p.input}" is not a source in ${p.country}. Sources in ${p.country}: ${list(p.valid)}.`,
    sourceAlreadyChosen: (p: { source: string; country: string }) => `${p.source} is already chosen for ${p.country}.`,
    sourceNotChosen: (p: { source: string; country: string }) =>
      `${p.source} is not among your sources for ${p.country}.`,
    cannotRemovePrimarySource: (p: { source: string; country: string }) =>
      `${p.source} is your primary source for ${p.country}; choose another primary source first.`,
    unknownCategory: (p: { input: string; valid: string[] }) =>
      `There is no category "${p.input}". Categories: ${list(p.valid)}.`,
    invalidTimezone: (p: { input: string }) =>
      `"${p.input}" is not a time zone I know. Use an Area/City name such as Europe/Berlin or Asia/Kolkata.`,
    invalidTime: (p: { input: string }) => `"${p.input}" is not a time of day. Use HH:MM, 24-hour, e.g. 07:30.`,
    emptyQuietHours: (p: { start: string }) =>
      `Quiet hours from ${p.start} to ${p.start} would be empty; give two different times.`,
  },
} as const;

export type Messages = typeof en;
