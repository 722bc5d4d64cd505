import type { PipelineStage } from 'mongoose';

/**
 * Revenue aggregations over payments, as pipelines and row mappers (PaymentRepository runs them).
 * FerretDB rules: group by the stored `day` key (never a date expression), one accumulator per
 * `$group`.
 */

export interface DayRange {
  fromDay: string;
  toDay: string;
}

export interface DayRevenue {
  day: string;
  currency: string;
  amountMinor: number;
}

export interface CurrencyTotal {
  currency: string;
  count: number;
  amountMinor: number;
}

export interface RevenueRow {
  _id: { day: string; currency: string };
  total: number;
}

export interface GroupRow {
  _id: string;
  total: number;
}

export function revenueByDayPipeline(params: DayRange & { sellerId: string }): PipelineStage[] {
  return [
    {
      $match: {
        sellerId: params.sellerId,
        status: 'succeeded',
        day: { $gte: params.fromDay, $lte: params.toDay },
      },
    },
    { $group: { _id: { day: '$day', currency: '$currency' }, total: { $sum: '$amountMinor' } } },
    { $sort: { _id: 1 } },
  ];
}

export function revenueRows(rows: RevenueRow[]): DayRevenue[] {
  return rows.map((row) => ({
    day: row._id.day,
    currency: row._id.currency,
    amountMinor: row.total,
  }));
}

/** Per currency: `1` counts payments, `'$amountMinor'` sums them. */
export function platformPipeline(range: DayRange, sum: 1 | '$amountMinor'): PipelineStage[] {
  return [
    { $match: { status: 'succeeded', day: { $gte: range.fromDay, $lte: range.toDay } } },
    { $group: { _id: '$currency', total: { $sum: sum } } },
  ];
}

export function currencyTotals(counts: GroupRow[], sums: GroupRow[]): CurrencyTotal[] {
  const totals = new Map(sums.map((row) => [row._id, row.total]));
  return counts
    .map((row) => ({ currency: row._id, count: row.total, amountMinor: totals.get(row._id) ?? 0 }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
