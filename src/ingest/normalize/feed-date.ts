// Publication dates as feeds write them: ISO 8601 and RFC 822 parse directly; RFC 822 with
// day and month names in another language ("Seg, 24 Set 2018 19:42:40 -0300") is translated
// first. Returns undefined when the text is no date.
const MONTHS: Record<string, string> = {
  // Portuguese, Spanish, French, German, Italian, Dutch abbreviations and names
  jan: 'Jan', janeiro: 'Jan', enero: 'Jan', ene: 'Jan', janv: 'Jan', janvier: 'Jan', januar: 'Jan', jän: 'Jan', gen: 'Jan', gennaio: 'Jan',
  fev: 'Feb', fevereiro: 'Feb', feb: 'Feb', febrero: 'Feb', févr: 'Feb', fevr: 'Feb', février: 'Feb', februar: 'Feb', febbraio: 'Feb',
  mar: 'Mar', março: 'Mar', marzo: 'Mar', mars: 'Mar', märz: 'Mar', mär: 'Mar', mrt: 'Mar',
  abr: 'Apr', abril: 'Apr', avr: 'Apr', avril: 'Apr', apr: 'Apr', aprile: 'Apr',
  mai: 'May', maio: 'May', may: 'May', mayo: 'May', mag: 'May', maggio: 'May', mei: 'May',
  jun: 'Jun', junho: 'Jun', junio: 'Jun', juin: 'Jun', juni: 'Jun', giu: 'Jun', giugno: 'Jun',
  jul: 'Jul', julho: 'Jul', julio: 'Jul', juil: 'Jul', juillet: 'Jul', juli: 'Jul', lug: 'Jul', luglio: 'Jul',
  ago: 'Aug', agosto: 'Aug', août: 'Aug', aout: 'Aug', aug: 'Aug', august: 'Aug',
  set: 'Sep', setembro: 'Sep', sep: 'Sep', sept: 'Sep', septiembre: 'Sep', septembre: 'Sep', september: 'Sep', settembre: 'Sep',
  out: 'Oct', outubro: 'Oct', oct: 'Oct', octubre: 'Oct', octobre: 'Oct', okt: 'Oct', oktober: 'Oct', ott: 'Oct', ottobre: 'Oct',
  nov: 'Nov', novembro: 'Nov', noviembre: 'Nov', novembre: 'Nov', november: 'Nov',
  dez: 'Dec', dezembro: 'Dec', dic: 'Dec', diciembre: 'Dec', déc: 'Dec', dec: 'Dec', décembre: 'Dec', dezember: 'Dec', dicembre: 'Dec',
};

export function parseFeedDate(raw: string): Date | undefined {
  const direct = Date.parse(raw);
  if (!Number.isNaN(direct)) return new Date(direct);
  // "<weekday>, DD <month> YYYY HH:MM[:SS] <zone>" with a foreign weekday and month.
  const m = /^\s*(?:[^\s,\d]+\.?,?\s+)?(\d{1,2})\.?\s+([^\s\d.]+)\.?\s+(\d{4})\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*(.*)$/u.exec(raw);
  if (!m) return undefined;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (!month) return undefined;
  const translated = Date.parse(`${m[1]} ${month} ${m[3]} ${m[4]} ${m[5] || 'GMT'}`);
  return Number.isNaN(translated) ? undefined : new Date(translated);
}
