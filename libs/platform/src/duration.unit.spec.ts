import { formatDuration, parseDuration } from './duration';

describe('durations of settings', () => {
  it.each<[string, number | null]>([
    ['45s', 45],
    ['90m', 5400],
    ['8h', 28800],
    ['2d', 172800],
    ['3600', 3600],
    [' 8h ', 28800],
    ['0', null],
    ['0h', null],
    ['-5m', null],
    ['8 hours', null],
    ['1.5h', null],
    ['', null],
  ])('parses %j as %j seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each<[number, string]>([
    [28800, '8h'],
    [2592000, '720h'],
    [5400, '90m'],
    [45, '45s'],
    [3661, '3661s'],
  ])('formats %d seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
