import { ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normaliseSearch } from '@ledger/read-models';
import { Caller, hasRole } from '../auth/auth';
import { invalidField } from '../http/errors';
import { ClientListQuery } from './client-list.dto';

export interface ClientListItem {
  clientId: string;
  name: string;
  inn?: string;
  category: string;
  kppId: string;
  pmId: string;
  responsible: { role: string; employeeId: string };
  lifecycle: string;
  debtMonths: number;
  contactNecessity: number;
}

interface Row {
  client_id: string;
  name: string;
  inn: string | null;
  category: string;
  kpp_id: string;
  pm_id: string;
  responsible_role: string;
  responsible_id: string;
  lifecycle: string;
  debt_months: string;
  contact_necessity: string;
}

/** The page's last key, opaque to the caller: the sort it belongs to and the key values. */
interface Cursor {
  sort: string;
  key: [string, string] | [string];
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(text: string, sort: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    const keyLength = sort === 'name' ? 2 : 1;
    if (
      cursor.sort === sort &&
      Array.isArray(cursor.key) &&
      cursor.key.length === keyLength &&
      cursor.key.every((k) => typeof k === 'string')
    )
      return cursor;
  } catch {
    // answered below as a bad field
  }
  throw invalidField('cursor', 'cursor must be a nextCursor of this list with the same sort');
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * GET /clients from rm_clients: the caller's РИЦ only; a КПП (without ROS or ADMIN) only their
 * own clients. Keyset paging on an order no command changes (client id, or name then id), so
 * every client that exists while a caller pages appears exactly once (ADR 0040).
 */
@Injectable()
export class ClientList {
  constructor(private readonly readModels: DataSource) {}

  async list(
    caller: Caller,
    query: ClientListQuery,
  ): Promise<{ items: ClientListItem[]; nextCursor: string | null }> {
    let kppId = query.kppId;
    if (hasRole(caller, 'KPP') && !hasRole(caller, 'ROS', 'ADMIN', 'RKPP', 'ANALYST', 'PM')) {
      if (kppId !== undefined && kppId !== caller.employeeId)
        throw new ForbiddenException({ error: 'a КПП sees only their own clients' });
      kppId = caller.employeeId;
    }
    const sort = query.sort ?? 'clientId';
    const limit = query.limit ?? 50;
    const where: string[] = ['ric = $1'];
    const params: unknown[] = [caller.ric];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (kppId !== undefined) add((p) => `kpp_id = ${p}`, kppId);
    if (query.pmId !== undefined) add((p) => `pm_id = ${p}`, query.pmId);
    if (query.responsible !== undefined) add((p) => `responsible_role = ${p}`, query.responsible);
    if (query.lifecycle !== undefined) add((p) => `lifecycle = ${p}`, query.lifecycle);
    if (query.category !== undefined) add((p) => `category = ${p}`, query.category);
    if (query.minDebtMonths !== undefined) add((p) => `debt_months >= ${p}`, query.minDebtMonths);
    const q = query.q?.trim();
    if (q) add((p) => `search_text LIKE ${p} ESCAPE '\\'`, `%${escapeLike(normaliseSearch(q))}%`);
    if (query.cursor !== undefined) {
      const { key } = decodeCursor(query.cursor, sort);
      if (sort === 'name') {
        params.push(key[0], key[1]);
        where.push(`(name, client_id) > ($${params.length - 1}, $${params.length})`);
      } else add((p) => `client_id > ${p}`, key[0]);
    }
    // the database's own collation in the order, the keyset comparison and the indexes alike
    const order = sort === 'name' ? 'name, client_id' : 'client_id';
    params.push(limit + 1);
    const rows: Row[] = await this.readModels.query(
      `SELECT client_id, name, inn, category, kpp_id, pm_id, responsible_role, responsible_id, lifecycle,
              debt_months, contact_necessity
         FROM rm_clients WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({ sort, key: sort === 'name' ? [last.name, last.client_id] : [last.client_id] })
        : null;
    return { items: page.map(toListItem), nextCursor };
  }
}

const toListItem = (row: Row): ClientListItem => ({
  clientId: row.client_id,
  name: row.name,
  ...(row.inn ? { inn: row.inn } : {}),
  category: row.category,
  kppId: row.kpp_id,
  pmId: row.pm_id,
  responsible: { role: row.responsible_role, employeeId: row.responsible_id },
  lifecycle: row.lifecycle,
  debtMonths: Number(row.debt_months),
  contactNecessity: Number(row.contact_necessity),
});
