// Dates, numbers and money through Intl, in the interface's language. The
// office works on Barcelona time, so every instant is shown in Europe/Madrid;
// the call page adds the source's own zone when it differs.

import { has, locale, t } from './i18n.js';

export const OFFICE_ZONE = 'Europe/Madrid';
const DAY_MS = 86400000;

// The server's clock can be pinned (CONVOCA_NOW) for demos and tests: when the
// session tells us its "now", countdowns follow it instead of the computer's.
let clockOffset = 0;

export function useServerNow(instant) {
  const server = Date.parse(instant ?? '');
  clockOffset = Number.isNaN(server) ? 0 : server - Date.now();
}

export function now() {
  return Date.now() + clockOffset;
}

// Building an Intl formatter costs far more than using one: keep them.
const formatters = new Map();
function dateFormat(localeName, options) {
  const key = `${localeName}|${JSON.stringify(options)}`;
  if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat(localeName, options));
  return formatters.get(key);
}

function validDate(value) {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

// "31 de març del 2027, 23:59 CEST". `dayOnly` for deadlines whose source gave
// a day without a time (the stored 23:59 is an assumption, not a fact).
export function formatInstant(instant, { zone = OFFICE_ZONE, dayOnly = false } = {}) {
  const date = validDate(instant);
  if (!date) return instant ?? '';
  const options = { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone };
  if (!dayOnly) Object.assign(options, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  try {
    return dateFormat(locale(), options).format(date);
  } catch {
    return date.toISOString(); // an unknown zone name from a source
  }
}

// The time of day in Barcelona with its zone: "14:00 CET".
export function formatTime(instant) {
  const date = validDate(instant);
  if (!date) return '';
  return dateFormat(locale(), { hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: OFFICE_ZONE })
    .format(date);
}

// Short form for tables and cards: "31/3/2027 23:59".
export function formatShort(instant) {
  const date = validDate(instant);
  if (!date) return instant ?? '';
  return dateFormat(locale(), { dateStyle: 'short', timeStyle: 'short', timeZone: OFFICE_ZONE })
    .format(date);
}

// A calendar day "YYYY-MM-DD" (no zone: it is the same day everywhere).
export function formatDay(day, style = 'long') {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
  if (!match) return day ?? '';
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const options = {
    weekday: { weekday: 'short', day: 'numeric', month: 'short' },
    dayMonth: { day: 'numeric', month: 'short' },
  }[style] ?? { day: 'numeric', month: style, year: 'numeric' };
  return dateFormat(locale(), { ...options, timeZone: 'UTC' }).format(date);
}

// The parts of a calendar day for a date badge: {weekday, day, month}.
export function dayParts(day) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
  if (!match) return { weekday: '', day: day ?? '', month: '' };
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const part = (options) => dateFormat(locale(), { ...options, timeZone: 'UTC' }).format(date);
  return { weekday: part({ weekday: 'short' }), day: String(Number(match[3])), month: part({ month: 'short' }) };
}

// "desembre del 2026" -> "Desembre del 2026" for headings.
export function capitalise(text) {
  return text ? text.charAt(0).toLocaleUpperCase(locale()) + text.slice(1) : text;
}

// "2026-12" -> "desembre del 2026".
export function formatMonth(month) {
  const match = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  if (!match) return month ?? '';
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return dateFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

// The day an instant falls on in Barcelona, as "YYYY-MM-DD".
export function madridDay(instant) {
  const date = validDate(instant);
  if (!date) return null;
  return dateFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: OFFICE_ZONE })
    .format(date);
}

export function today() {
  return madridDay(now());
}

export function dayNumber(day) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS : null;
}

export function dayFromNumber(number) {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

// Whole Barcelona days from today to the instant's day (negative when past).
export function daysUntil(instant) {
  const target = dayNumber(madridDay(instant));
  const from = dayNumber(today());
  return target === null || from === null ? null : target - from;
}

// "d'aquí a 12 dies", "avui", "fa 3 dies".
export function countdown(instant) {
  const days = daysUntil(instant);
  if (days === null) return '';
  return new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' }).format(days, 'day');
}

// urgent: a week or less; soon: a month or less. Drives the countdown colour.
export function urgency(instant) {
  const days = daysUntil(instant);
  if (days === null || days < 0) return 'past';
  if (days <= 7) return 'urgent';
  if (days <= 30) return 'soon';
  return 'later';
}

export function formatNumber(value, options = {}) {
  if (typeof value !== 'number' || Number.isNaN(value)) return '';
  return new Intl.NumberFormat(locale(), options).format(value);
}

export function formatMoney(budget) {
  if (!budget || typeof budget.amount !== 'number') return null;
  try {
    return new Intl.NumberFormat(locale(), {
      style: 'currency', currency: budget.currency || 'EUR', maximumFractionDigits: 0,
    }).format(budget.amount);
  } catch {
    return `${formatNumber(budget.amount)} ${budget.currency ?? ''}`.trim();
  }
}

export function languageName(code) {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([locale()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function zoneName(zone) {
  return zone === OFFICE_ZONE ? t('time.officeZone') : zone;
}

// SDG 1..17 with its name in the interface's language.
export function sdgLabel(goal) {
  const key = `sdg.${Number(goal)}`;
  return has(key) ? t('sdg.label', { goal: Number(goal), name: t(key) }) : String(goal);
}
