// The clusterer's rules apart from quality: breaking once (K outlets in T minutes, or a
// breaking feed; never from backlog), languages apart, memory bounded by the window, and a
// restart rebuilding the window from stored assignments.
import { describe, expect, it } from 'vitest';
import type { StoryItemInput } from '../../src/core/stories/story.ts';
import { StoryClusterer } from '../../src/core/stories/story-clusterer.ts';
import { defaults } from '../support/defaults.ts';

const T0 = Date.parse('2026-11-20T08:00:00Z');
let n = 0;
function report(source: string, minutes: number, extra: Partial<StoryItemInput> = {}): StoryItemInput {
  n++;
  return {
    id: `i${n}`,
    title: 'Volcano on Mount Kelbara erupts, 3,200 evacuated from Sennar valley',
    summary: 'Mount Kelbara erupted at dawn, forcing 3,200 residents of the Sennar valley to leave; the ash plume reached 9,000 metres.',
    url: `https://${source}.example/kelbara-${n}`,
    source,
    publishedAt: new Date(T0 + minutes * 60_000),
    language: 'en',
    ...extra,
  };
}

describe('breaking', () => {
  it('breaks once, when the third outlet reports within an hour', () => {
    const c = new StoryClusterer(defaults.stories);
    const a = c.add(report('bbc', 0));
    const b = c.add(report('cnn', 20));
    expect([a.brokeNow, b.brokeNow]).toEqual([null, null]);
    const third = c.add(report('voa', 50));
    expect(third).toMatchObject({ storyKey: a.storyKey, created: false, brokeNow: 'outlets' });
    expect(c.add(report('dw', 55)).brokeNow).toBeNull();
    expect(c.story(a.storyKey)).toMatchObject({ breakingReason: 'outlets', outlets: ['bbc', 'cnn', 'voa', 'dw'] });
  });

  it('does not count the same outlet twice, or outlets outside the hour', () => {
    const c = new StoryClusterer(defaults.stories);
    c.add(report('bbc', 0));
    c.add(report('bbc', 10));
    expect(c.add(report('cnn', 20)).brokeNow).toBeNull();
    expect(c.add(report('voa', 90)).brokeNow).toBeNull(); // bbc's reports are over an hour old
  });

  it('breaks at once for an item from a breaking feed, never for backlog', () => {
    const c = new StoryClusterer(defaults.stories);
    expect(c.add(report('bbc', 0, { backlog: true, breakingFeed: true })).brokeNow).toBeNull();
    expect(c.add(report('cnn', 5, { backlog: true })).brokeNow).toBeNull();
    expect(c.add(report('voa', 10, { backlog: true })).brokeNow).toBeNull();
    expect(c.add(report('dw', 15, { breakingFeed: true })).brokeNow).toBe('breaking-feed');
  });

  it('lets an operator mark a story breaking, once', () => {
    const c = new StoryClusterer(defaults.stories);
    const { storyKey } = c.add(report('bbc', 0));
    expect(c.markBreaking(storyKey, new Date(T0))).toBe(true);
    expect(c.markBreaking(storyKey, new Date(T0))).toBe(false);
    expect(c.add(report('cnn', 5)).brokeNow).toBeNull();
    expect(c.add(report('voa', 6)).brokeNow).toBeNull();
  });
});

describe('breaking window', () => {
  it('needs K outlets within T of each other, whatever order the reports arrive in', () => {
    const c = new StoryClusterer(defaults.stories);
    c.add(report('bbc', 0));
    c.add(report('cnn', 30));
    // Arrives late, reporting three hours on: bbc and cnn are far from it.
    expect(c.add(report('voa', 180)).brokeNow).toBeNull();
    // A late report from between them makes three within the hour.
    expect(c.add(report('dw', 20)).brokeNow).toBe('outlets');
  });

  it('ignores an item it already holds', () => {
    const c = new StoryClusterer(defaults.stories);
    const item = report('bbc', 0);
    const first = c.add(item);
    expect(c.add(item)).toEqual({ storyKey: first.storyKey, created: false, brokeNow: null });
    expect(c.size.items).toBe(1);
  });
});

describe('scripts and languages', () => {
  const unrelated: [string, string, string][] = [
    ['hi', 'चंद्रयान मिशन की नई तारीख घोषित', 'इसरो ने चंद्रयान मिशन के प्रक्षेपण की नई तारीख की घोषणा की है।'],
    ['hi', 'दिल्ली में प्रदूषण का स्तर गंभीर', 'राजधानी में वायु गुणवत्ता सूचकांक गंभीर श्रेणी में पहुंच गया है।'],
    ['hi', 'भारत ने टेस्ट मैच जीता', 'भारतीय क्रिकेट टीम ने तीसरे दिन मैच अपने नाम किया।'],
    ['hi', 'किसानों का आंदोलन तेज', 'पंजाब के किसानों ने फसल की कीमतों को लेकर प्रदर्शन किया।'],
    ['ar', 'أمير قطر يستقبل رئيس وزراء الهند', 'استقبل أمير قطر في الديوان الأميري رئيس وزراء الهند وبحثا العلاقات الثنائية.'],
    ['ar', 'ارتفاع أسعار النفط في الأسواق العالمية', 'ارتفعت أسعار خام برنت في التعاملات الآسيوية بسبب المخاوف من نقص الإمدادات.'],
    ['ar', 'فوز السد على الدحيل في الدوري', 'حقق نادي السد فوزا مهما على الدحيل في مباراة قمة الدوري القطري.'],
    ['ar', 'أمطار غزيرة تغمر شوارع الخرطوم', 'غمرت الأمطار الغزيرة عددا من أحياء العاصمة السودانية الخرطوم.'],
  ];

  it('keeps unrelated Hindi and Arabic reports apart (no snowball through function words)', () => {
    const c = new StoryClusterer(defaults.stories);
    const keys = unrelated.map(([language, title, summary], i) => c.add({ ...report(`o${i}`, i * 5), language, title, summary }).storyKey);
    expect(new Set(keys).size).toBe(unrelated.length);
  });

  it('clusters Chinese reports of one event (character pairs, no spaces needed)', () => {
    const c = new StoryClusterer(defaults.stories);
    const a = c.add({
      ...report('chinadaily', 0),
      language: 'zh',
      title: '中国人民银行宣布降准0.5个百分点',
      summary: '中国人民银行宣布下调存款准备金率0.5个百分点，释放长期资金约1万亿元。',
    });
    const b = c.add({
      ...report('bbc', 30),
      language: 'zh',
      title: '央行降准释放约1万亿元长期资金',
      summary: '中国人民银行决定下调存款准备金率，预计释放长期资金约1万亿元。',
    });
    const other = c.add({
      ...report('voa', 40),
      language: 'zh',
      title: '上海举行国际进口博览会',
      summary: '第九届中国国际进口博览会在上海开幕，多国企业参展。',
    });
    expect(b.storyKey).toBe(a.storyKey);
    expect(other.storyKey).not.toBe(a.storyKey);
  });
});

describe('stories', () => {
  it('joins a report in another language by the figures and names they share, and only across languages when allowed', () => {
    const c = new StoryClusterer(defaults.stories);
    const en = c.add(report('bbc', 0));
    expect(c.add(report('dw', 1, { language: 'de' })).storyKey).toBe(en.storyKey);
    expect(c.story(en.storyKey)!.languages.sort()).toEqual(['de', 'en']);
    const apart = new StoryClusterer({ ...defaults.stories, acrossLanguages: false });
    const first = apart.add(report('bbc', 0));
    expect(apart.add(report('dw', 1, { language: 'de' })).storyKey).not.toBe(first.storyKey);
  });

  it('reports outlets, first and last report, velocity, and a representative headline', () => {
    const c = new StoryClusterer(defaults.stories);
    const { storyKey } = c.add(report('bbc', 0));
    c.add(report('cnn', 30, { title: 'Kelbara eruption: 3,200 flee Sennar valley as ash reaches 9,000 metres' }));
    c.add(report('voa', 60));
    const story = c.story(storyKey)!;
    expect(story.firstSeenAt).toEqual(new Date(T0));
    expect(story.lastUpdatedAt).toEqual(new Date(T0 + 3600_000));
    expect(story.outletsPerHour).toBe(2);
    expect(story.headline).toBe('Volcano on Mount Kelbara erupts, 3,200 evacuated from Sennar valley');
  });

  it('holds only the window in memory', () => {
    const c = new StoryClusterer({ ...defaults.stories, windowMs: 3600_000 });
    for (let i = 0; i < 2000; i++)
      c.add({ ...report(`o${i}`, i * 10), title: `Unrelated event number ${i} zeta${i}`, summary: `Only about thing${i} and place${i}.` });
    // 10 minutes apart, a one-hour window: a handful of stories at most remain.
    expect(c.size.stories).toBeLessThan(600);
    expect(c.size.items).toBe(c.size.stories);
  });

  it("lets a long-running story keep only the window's items in memory", () => {
    const c = new StoryClusterer({ ...defaults.stories, windowMs: 3600_000 });
    let key = '';
    // The same event reported every 5 minutes for 10 hours, amid unrelated items.
    for (let i = 0; i < 120; i++) {
      key = c.add(report(`outlet${i % 7}`, i * 5)).storyKey;
      for (let j = 0; j < 5; j++) c.add({ ...report(`o${i}-${j}`, i * 5 + 1), title: `Unrelated ${i}-${j} qq${i}x${j}`, summary: `About thing${i}x${j}.` });
    }
    const story = c.story(key)!;
    expect(story.items.length).toBeLessThanOrEqual(12 + 100); // an hour's reports, plus those since the last sweep
    expect(story.items.length).toBeLessThan(120);
    expect(story.firstSeenAt.getTime()).toBe(T0);
  });

  it('rebuilds after a restart from stored assignments, then keeps clustering into them', () => {
    const first = new StoryClusterer(defaults.stories);
    const a = first.add(report('bbc', 0));
    first.add(report('cnn', 10));
    const restarted = new StoryClusterer(defaults.stories);
    for (const [i, source] of ['bbc', 'cnn'].entries()) restarted.restore(report(source, i * 10), a.storyKey);
    const next = restarted.add(report('voa', 20));
    expect(next).toMatchObject({ storyKey: a.storyKey, created: false, brokeNow: 'outlets' });
  });
});
