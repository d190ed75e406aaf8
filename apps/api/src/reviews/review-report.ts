import { CHECKLISTS, isReviewSheet } from '@ledger/domain';

export interface ReviewForReport {
  clientId: string;
  employeeId: string;
  sheet: string;
  scores: Record<string, number>;
  score: number;
  reviewerId: string;
}

export interface ItemMean {
  /** `sheet.code`: item codes are unique within a sheet. */
  item: string;
  text: string;
  mean: number;
  reviews: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const textOf = (sheet: string, code: string) =>
  (isReviewSheet(sheet) && CHECKLISTS[sheet].items.find((i) => i.code === code)?.text) || code;

/** How many of the lowest item means are named as weakest. */
export const WEAKEST_ITEMS = 3;

/**
 * Per КПП: reviews, mean overall score (percent), mean of each checklist item (0–2) and the weakest
 * items (lowest mean; ties by item code). Per auditor: reviews, service points reviewed (distinct
 * clients), per working day, against the norm.
 */
export function reviewReport(reviews: readonly ReviewForReport[], workingDays: number, normPerDay: number) {
  const byEmployee = new Map<string, ReviewForReport[]>();
  for (const r of reviews) byEmployee.set(r.employeeId, [...(byEmployee.get(r.employeeId) ?? []), r]);
  const employees = [...byEmployee.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([employeeId, own]) => {
      const perItem = new Map<string, number[]>();
      for (const r of own)
        for (const [code, score] of Object.entries(r.scores)) {
          const key = `${r.sheet}.${code}`;
          perItem.set(key, [...(perItem.get(key) ?? []), score]);
        }
      const items: ItemMean[] = [...perItem.entries()]
        .map(([item, scores]) => {
          const [sheet, code] = item.split('.') as [string, string];
          return { item, text: textOf(sheet, code), mean: round2(mean(scores)), reviews: scores.length };
        })
        .sort((a, b) => a.item.localeCompare(b.item));
      const weakest = [...items]
        .sort((a, b) => a.mean - b.mean || a.item.localeCompare(b.item))
        .slice(0, WEAKEST_ITEMS);
      return {
        employeeId,
        reviews: own.length,
        meanScore: Math.round(mean(own.map((r) => r.score)) * 10) / 10,
        items,
        weakest,
      };
    });
  const byReviewer = new Map<string, ReviewForReport[]>();
  for (const r of reviews) byReviewer.set(r.reviewerId, [...(byReviewer.get(r.reviewerId) ?? []), r]);
  const auditors = [...byReviewer.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reviewerId, own]) => {
      const servicePoints = new Set(own.map((r) => r.clientId)).size;
      const perDay = workingDays ? round2(servicePoints / workingDays) : 0;
      return {
        reviewerId,
        reviews: own.length,
        servicePoints,
        workingDays,
        servicePointsPerDay: perDay,
        normPerDay,
        loadPercent: Math.round((perDay / normPerDay) * 1000) / 10,
      };
    });
  return { employees, auditors };
}
