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
  conversation: {
    unknownCommand: (p: { command: string }) => `I don't know /${p.command}. Send /help for what I can do.`,
    notAllowedDefault: "Only this chat's admins can change what it receives.",
    expired: 'That menu is out of date. Send the command again.',
    welcome: 'Welcome to Herald: the news from the outlets you choose, once a day per category, and breaking stories as they happen.',
    chooseCountry: 'Which country is your news mainly about?',
    chooseLanguage: (p: { country: string }) => `Which language for ${p.country}?`,
    chooseSource: (p: { country: string }) => `Your main source for ${p.country}?`,
    chooseCategories: 'Which categories do you want a daily digest of? Tap to toggle, then Done.',
    chooseTime: (p: { timezone: string }) => `When should the digest arrive? (Times are in ${p.timezone}; change it with /digest timezone.)`,
    onboarded: 'All set.',
    skip: 'Skip',
    /** A button beside a primary choice: add it among the others (or remove it). */
    other: 'other',
    /** A menu's placeholder, before anything is chosen. */
    choose: 'Choose…',
    done: 'Done',
    next: 'Next ›',
    previous: '‹ Back',
    countryMenu: (p: { primary: string }) => `Primary country: ${p.primary}. Tap a country to make it primary; ➕/✔ adds or removes other countries.`,
    primaryCountrySet: (p: { country: string }) => `${p.country} is now your primary country.`,
    countryAdded: (p: { country: string }) => `Added ${p.country}.`,
    countryRemoved: (p: { country: string }) => `Removed ${p.country}.`,
    languageMenu: (p: { country: string; primary: string }) => `${p.country}: primary language ${p.primary}. Tap to make primary; ✔ marks other languages.`,
    noOtherLanguage: (p: { country: string; only: string }) => `No other language available for ${p.country}: it offers ${p.only} only.`,
    sourceMenu: (p: { country: string; primary: string; page: number; pages: number }) =>
      `${p.country}: primary source ${p.primary}. ★ makes a source primary; ✔ marks other sources.${p.pages > 1 ? ` (page ${p.page} of ${p.pages})` : ''}`,
    categoriesMenu: 'Your daily digests. Tap a category to toggle it.',
    noCategories: 'No categories: no daily digest will arrive.',
    digestUsage: 'Use /digest now, /digest time HH:MM, or /digest timezone Area/City (an offset like +05:30 or a city also works).',
    digestTimeSet: (p: { time: string; timezone: string }) => `Digests will arrive at ${p.time} (${p.timezone}).`,
    timezoneSet: (p: { timezone: string }) => `Time zone set to ${p.timezone}.`,
    digestTitle: 'Your digest',
    digestNothingNew: 'Nothing new in your categories from your sources in the last 24 hours.',
    moreSources: (p: { count: number }) => `+${p.count} more source${p.count === 1 ? '' : 's'}`,
    digestNowUnavailable: 'Digests on demand are not available yet; your daily digest arrives at its time.',
    breakingUsage: 'Use /breaking on or /breaking off.',
    breakingOn: 'Breaking news: on.',
    breakingOff: 'Breaking news: off.',
    quietUsage: 'Use /quiet 22:00-07:00 or /quiet off.',
    quietSet: (p: { start: string; end: string }) => `Quiet hours ${p.start}–${p.end}: breaking news waits until they end.`,
    quietOff: 'Quiet hours off.',
    stopConfirm: 'Stop all deliveries and delete everything Herald keeps about this chat?',
    stopYes: 'Yes, stop and delete',
    stopNo: 'No, keep it',
    stopped: 'Stopped. Everything about this chat is deleted. Send /start to begin again.',
    notStopped: 'Nothing changed.',
    subscribed: (p: { category: string; time: string }) => `Subscribed to ${p.category}: a digest every day at ${p.time}.`,
    unsubscribed: (p: { category: string }) => `Unsubscribed from ${p.category}.`,
    subscribeUsage: (p: { valid: string }) => `Name a category: ${p.valid}.`,
    settingsTitle: 'Your settings',
    settingsCountry: (p: { country: string; primary: boolean; languages: string; sources: string }) =>
      `${p.primary ? '★ ' : ''}${p.country}: ${p.languages}; sources ${p.sources}`,
    settingsDigests: (p: { list: string }) => `Daily digests: ${p.list}`,
    settingsTimezone: (p: { timezone: string }) => `Time zone: ${p.timezone}`,
    settingsBreaking: (p: { on: boolean }) => `Breaking news: ${p.on ? 'on' : 'off'}`,
    settingsQuiet: (p: { quiet: string }) => `Quiet hours: ${p.quiet}`,
    none: 'none',
    helpTitle: 'What I can do',
  },
  /** The command catalogue's words (core/conversation/commands.ts): menus, slash commands and /help. */
  commands: {
    start: 'Choose your country, language, sources and digests',
    setcountry: 'Your primary country and others',
    setlanguage: 'Languages per country',
    sources: 'Sources per country',
    categories: 'Which daily digests you get',
    digest: 'Digest time, time zone, or the digest now',
    breaking: 'Breaking news on or off',
    quiet: 'Quiet hours for breaking news',
    subscribe: 'Subscribe this chat (or a channel) to a category',
    unsubscribe: 'Unsubscribe this chat (or a channel) from a category',
    settings: 'Everything at a glance',
    stop: 'Stop and delete your data',
    help: 'What I can do',
    options: {
      country: 'A country (leave empty for the menu)',
      countryMode: 'Make it primary (default), or add or remove it as another country',
      language: 'Primary language for your primary country',
      languagesOf: 'Show the languages of this country',
      sourcesOf: 'Show the sources of this country',
      digestNow: 'The digest of the last 24 hours, now',
      digestTime: 'When the daily digest arrives',
      time: 'HH:MM, e.g. 07:30',
      digestTimezone: 'Your time zone',
      zone: 'e.g. Europe/Berlin',
      breakingState: 'on or off',
      quietHours: 'HH:MM-HH:MM, or off',
      category: 'Which category',
      channel: 'Another channel (default: this one)',
    },
  },
  telegram: {
    notAdmin: "Only this group's admins can change what it receives.",
    notChannelAdmin: (title: string) => `You are not an admin of ${title}, so you cannot change what it receives.`,
    botCannotPost: (title: string) => `I cannot post in ${title}: make me an admin there with the right to post messages, then try again.`,
    unknownChannel: (name: string) => `I cannot find ${name}. Add me to the channel as an admin first, then try again.`,
  },
  discord: {
    notManager: (channel: string) => `You need the Manage Channels or Manage Server permission to change what ${channel} receives.`,
    botMissing: (channel: string, missing: string[]) => `I cannot post in ${channel}: I am missing ${missing.join(', ')} there. Give me ${missing.length === 1 ? 'it' : 'them'}, then try again.`,
    notPostable: (channel: string) => `${channel} is not a text or announcement channel (or a thread in one), so I cannot send news there.`,
    unknownChannel: (channel: string) => `I cannot see ${channel}. Add me to the server and give me access to it, then try again.`,
    noSuchCommand: 'Herald has no such command.',
    unhandledInteraction: 'Herald does not handle that kind of interaction.',
    noChannel: 'Discord did not say which channel this is.',
    serversAndDms: 'Herald works in servers and in a direct message with the bot.',
    subscribeFromServer: 'Channels can be subscribed from within their server only.',
  },
  delivery: {
    digestTitle: 'Your daily digest',
    digestTitleOne: (p: { category: string }) => `Your daily ${p.category} digest`,
    breakingTitle: 'Breaking',
    heldTitle: (p: { count: number }) => `While your quiet hours were on: ${p.count} breaking ${p.count === 1 ? 'story' : 'stories'}`,
  },
  web: {
    notACommand: 'Commands start with a slash: try /start, /digest now or /help.',
    intro: "This is Herald's local web chat: the same bot as on Telegram and Discord, in your browser. Press /start below to choose your country, sources and digests.",
    localOnly: 'The web chat answers this machine only. Set HERALD_WEB_CHAT=1 to open it to others.',
    tooManyNewChats: (p: { minutes: number }) => `Too many new chats from your address. Try again in ${p.minutes} minute${p.minutes === 1 ? '' : 's'}.`,
    full: 'The web chat is full right now. Try again later, or talk to Herald on Telegram or Discord.',
    noChat: 'There is no chat here yet: open /try and type a command first.',
  },
} as const;

export type Messages = typeof en;
