// The limits contract every adapter keeps: whatever Herald sends (a digest far longer than a
// platform message, a story told by 150 outlets, a story with an image and a long summary,
// headlines full of characters that grow when escaped, a line longer than any limit, more
// buttons than a message takes) arrives as platform messages that are each within the
// platform's limits, with every story's link and a single story's image kept. Each adapter's
// harness says what its platform received and checks it against the platform's own numbers
// (Telegram: 4,096 characters of text, 1,024 of caption, 100 entities; Discord: 2,000 of
// content, 6,000 across a message's embeds, 10 embeds).
import { describe, expect, it } from 'vitest';
import type { Messenger } from '../../src/core/delivery/messenger.ts';
import type { OutgoingMessage } from '../../src/core/message/outgoing.ts';
import type { StoryCard } from '../../src/core/message/story-card.ts';
import type { Button } from '../../src/core/message/view.ts';

/** One message as the platform received it (a request body, a rendered entry). */
export type Received = unknown;

export interface LimitsHarness {
  messenger: Messenger;
  /** A target that accepts messages. */
  target: string;
  /** What the platform received since the harness was made, one platform message each. */
  received(): Promise<Received[]>;
  /** The platform's limits that this message breaks, named ("text 4,213 > 4,096"); none when within. */
  check(m: Received): string[];
  /** The web addresses a message links to (headlines, bare links). */
  links(m: Received): string[];
  /** The images a message shows. */
  images(m: Received): string[];
}

const at = new Date('2026-11-21T06:00:00Z');
// Escaping makes these longer in HTML than as text; a limit counted on the wrong form breaks.
const awkward = (i: number, length: number) => `<${i}> & "quotes" & ${'Ω ünïcödé & <tags> '.repeat(length)}`.slice(0, length);

function card(i: number, over: Partial<StoryCard> = {}): StoryCard {
  return {
    headline: awkward(i, 200),
    url: `https://news.example/story/${i}`,
    summary: awkward(i, 900),
    outlet: `Outlet ${i} & Sons`,
    moreOutlets: i % 3,
    more: `+${i % 3} more sources`,
    time: at,
    when: '11:30 am IST',
    category: ['national', 'international', 'business', 'entertainment', 'sports', 'special'][i % 6],
    section: ['National', 'International', 'Business', 'Entertainment', 'Sports', 'Special'][i % 6],
    storyId: i,
    coverage: `all: /story ${i}`,
    ...over,
  };
}

/** A message's text lines as delivery writes them (what a platform without cards shows). */
const linesOf = (cards: StoryCard[]) => cards.flatMap((c) => [`${c.headline} (${c.outlet})`, c.url]);

const buttons = (n: number): Button[][] =>
  Array.from({ length: Math.ceil(n / 3) }, (_, r) =>
    Array.from({ length: Math.min(3, n - r * 3) }, (_, i) => ({
      label: `Choice ${r * 3 + i} ${'x'.repeat(90)}`,
      action: { kind: 'category', category: `c${r * 3 + i}` },
    })),
  );

/** What the suite sends, each with the links and image that must arrive. */
const CASES: { name: string; message: OutgoingMessage; image?: string }[] = (() => {
  const digest = Array.from({ length: 60 }, (_, i) => card(i));
  // Short headlines and links: here the count of links binds before the length does.
  const coverage = Array.from({ length: 150 }, (_, i) => ({
    ...card(1000 + i, { headline: `R${i}`, url: `https://n.ex/${i}`, outlet: `O${i}`, moreOutlets: 0, section: undefined }),
    summary: undefined,
    more: undefined,
    when: undefined,
    coverage: undefined,
  }));
  // A headline long enough that the caption's 1,024 characters bind on the summary.
  const photo = card(7, {
    headline: awkward(7, 500),
    summary: awkward(7, 5000),
    imageUrl: 'https://img.example/7.jpg',
    moreOutlets: 4,
    more: '+4 more sources',
  });
  const pictures = Array.from({ length: 14 }, (_, i) => card(200 + i, { imageUrl: `https://img.example/${200 + i}.jpg` }));
  return [
    {
      name: 'a long digest (60 stories, long escaped headlines and summaries)',
      message: { title: 'Your morning digest', lines: linesOf(digest), cards: digest, silent: true },
    },
    { name: 'a story told by 150 outlets', message: { title: 'Reported by 150 outlets', lines: linesOf(coverage), cards: coverage } },
    {
      name: 'a breaking story with an image, a 5,000-character summary and a button',
      message: {
        title: 'Breaking news',
        lines: linesOf([photo]),
        cards: [photo],
        buttons: [[{ label: 'Sources (5)', action: { kind: 'sources', story: 7 } }]],
        preview: photo.url,
      },
      image: photo.imageUrl,
    },
    { name: 'a digest of 14 stories with images', message: { title: 'Your digest', lines: linesOf(pictures), cards: pictures } },
    {
      name: 'text only: 300 lines with links, one line longer than any limit, and 40 buttons',
      message: {
        title: 'Every outlet',
        lines: [...Array.from({ length: 300 }, (_, i) => `• ${awkward(i, 60)} https://text.example/${i}`), 'y'.repeat(10_000)],
        buttons: buttons(40),
      },
    },
  ];
})();

/** The links a case must deliver: every card's, or every bare link in its lines. */
const wanted = (m: OutgoingMessage) => (m.cards ? m.cards.map((c) => c.url) : m.lines.flatMap((l) => l.match(/https?:\/\/\S+/g) ?? []));

export function limitsContract(name: string, setup: () => Promise<LimitsHarness>): void {
  describe(`Limits contract: ${name}`, () => {
    for (const c of CASES) {
      it(`delivers ${c.name} within the platform's limits, nothing lost`, async () => {
        const h = await setup();
        const sent = await h.messenger.send(h.target, c.message);
        const received = await h.received();
        expect(received.length).toBe(sent.parts);
        for (const [i, m] of received.entries()) expect(h.check(m), `part ${i + 1} of ${received.length}`).toEqual([]);
        const links = new Set(received.flatMap((m) => h.links(m)));
        for (const url of wanted(c.message)) expect(links.has(url), url).toBe(true);
        if (c.image) expect(received.flatMap((m) => h.images(m))).toContain(c.image);
      });
    }
  });
}
