// The SQLite and PostgreSQL schemas are written by hand, one per dialect (store/README.md:
// "change both schemas together"). This test holds them to it: the same tables with the same
// columns (name, kind of value, nullability, uniqueness), primary keys, indexes and foreign keys.
// Column types differ on purpose (integer ↔ bigint, blob ↔ bytea); their kind of value may not.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { is } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, integer as pgInteger, PgTable, pgTable } from 'drizzle-orm/pg-core';
import {
  getTableConfig as sqliteTableConfig,
  integer as sqliteInteger,
  SQLiteTable,
  sqliteTable,
} from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));

/** What the two dialects' configs have in common (getTableConfig of either). */
interface TableConfig {
  name: string;
  columns: readonly {
    name: string;
    dataType: string;
    notNull: boolean;
    primary: boolean;
    isUnique: boolean;
    getSQLType(): string;
  }[];
  primaryKeys: readonly { columns: readonly { name: string }[] }[];
  indexes: readonly { config: { name?: string; unique: boolean; columns: readonly unknown[] } }[];
  foreignKeys: readonly {
    onDelete?: string;
    reference(): {
      columns: readonly { name: string }[];
      foreignColumns: readonly { name: string; table: unknown }[];
    };
  }[];
}

/** A dialect-neutral kind of value: PostgreSQL's bytea is a custom type, SQLite's blob a buffer. */
const kindOf = (c: TableConfig['columns'][number]): string =>
  c.dataType === 'custom' && c.getSQLType() === 'bytea' ? 'buffer' : c.dataType;

const names = (cols: readonly unknown[]): string[] => cols.map((c) => (c as { name: string }).name);

/** A table as plain data, so two dialects compare with toEqual and a mismatch reads as a diff. */
function shapeOf(t: TableConfig, tableName: (table: unknown) => string) {
  const columnKeys = t.columns.filter((c) => c.primary).map((c) => [c.name]);
  return {
    columns: Object.fromEntries(
      t.columns.map((c) => [
        c.name,
        `${kindOf(c)}${c.notNull ? ' not null' : ''}${c.isUnique ? ' unique' : ''}`,
      ]),
    ),
    primaryKey: [...columnKeys, ...t.primaryKeys.map((k) => names(k.columns))],
    indexes: Object.fromEntries(
      t.indexes.map((i) => [
        i.config.name ?? '(unnamed)',
        `${i.config.unique ? 'unique ' : ''}(${names(i.config.columns)})`,
      ]),
    ),
    foreignKeys: t.foreignKeys
      .map((fk) => {
        const r = fk.reference();
        const target = tableName(r.foreignColumns[0]?.table);
        return `(${names(r.columns)}) → ${target}(${names(r.foreignColumns)}) on delete ${fk.onDelete ?? '-'}`;
      })
      .sort(),
  };
}

type Shape = Record<string, ReturnType<typeof shapeOf>>;

function sqliteShape(tables: readonly SQLiteTable[]): Shape {
  const nameOf = (t: unknown) => sqliteTableConfig(t as SQLiteTable).name;
  return Object.fromEntries(
    tables.map((t) => [sqliteTableConfig(t).name, shapeOf(sqliteTableConfig(t), nameOf)]),
  );
}

function pgShape(tables: readonly PgTable[]): Shape {
  const nameOf = (t: unknown) => pgTableConfig(t as PgTable).name;
  return Object.fromEntries(tables.map((t) => [pgTableConfig(t).name, shapeOf(pgTableConfig(t), nameOf)]));
}

/** Every table exported by the dialect folder's schema modules (`*schema.ts`), new files included. */
async function tablesIn<T>(folder: string, isTable: (v: unknown) => v is T): Promise<T[]> {
  const files = readdirSync(join(HERE, folder)).filter((f) => /schema\.ts$/.test(f));
  const modules = await Promise.all(files.map((f) => import(join(HERE, folder, f)) as Promise<object>));
  return modules.flatMap((m) => Object.values(m).filter(isTable));
}

describe('SQLite and PostgreSQL schemas', () => {
  it('have the same tables, columns, keys and indexes', async () => {
    const sqlite = sqliteShape(await tablesIn('sqlite', (v): v is SQLiteTable => is(v, SQLiteTable)));
    const pg = pgShape(await tablesIn('pg', (v): v is PgTable => is(v, PgTable)));
    expect(Object.keys(sqlite)).toContain('call_notes');
    expect(Object.keys(sqlite).length).toBeGreaterThanOrEqual(18);
    expect(pg).toEqual(sqlite);
  });

  it('differ as soon as one side gains a column', () => {
    const columns = { tenantId: 'tenant_id', count: 'count' };
    const lite = sqliteTable('probe', {
      tenantId: sqliteInteger(columns.tenantId).primaryKey(),
      count: sqliteInteger(columns.count).notNull(),
    });
    const same = pgTable('probe', {
      tenantId: pgInteger(columns.tenantId).primaryKey(),
      count: pgInteger(columns.count).notNull(),
    });
    const wider = pgTable('probe', {
      tenantId: pgInteger(columns.tenantId).primaryKey(),
      count: pgInteger(columns.count).notNull(),
      extra: pgInteger('extra'),
    });
    expect(pgShape([same])).toEqual(sqliteShape([lite]));
    expect(pgShape([wider])).not.toEqual(sqliteShape([lite]));
  });
});
