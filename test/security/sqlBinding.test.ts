/**
 * SQL is built only with bound parameters (issue 8), and FTS queries cannot
 * escape their MATCH clause.
 *
 * 1. A static check over src/**\/*.ts with the TypeScript parser: every SQL
 *    text (a string handed to prepare/exec/pragma/cachedStatement, or any
 *    template literal or concatenation that reads as SQL) may interpolate
 *    only named constants whose own value is constant SQL (e.g. the scope
 *    fragments of snapshotScope.ts), or one of the few reviewed expressions
 *    listed below with the reason they cannot carry a value.
 * 2. Hostile query strings (quotes, NEAR(, column filters, `*`, `^`,
 *    unbalanced parentheses, `'); DROP TABLE x;--`) run through every search
 *    entry point of a real archive: no error, results only from the
 *    archive's own rows, tables and FTS index intact.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { searchArchive } from '../../src/main/search/search';
import { searchVersions } from '../../src/main/search/searchVersions';
import { phraseHistory } from '../../src/main/search/phraseHistory';
import { searchTrend } from '../../src/main/search/trend';
import { useImportedArchive } from '../support/importedArchive';
import { repoRoot, samplesDir } from '../support/paths';

/** Calls whose first argument is SQL. */
const SQL_SINKS = new Set(['prepare', 'exec', 'pragma', 'cachedStatement']);
/** Upper-case SQL keywords as this project writes SQL (messages and comments do not shout SELECT … FROM). */
const LOOKS_LIKE_SQL =
  /\b(SELECT\s[\s\S]*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TEMP\s+|VIRTUAL\s+|UNIQUE\s+)*(TABLE|INDEX|TRIGGER|VIEW)|DROP\s+(TABLE|INDEX|TRIGGER)|WHERE\s|MATCH\s)/;

/**
 * Reviewed interpolations that are not named constants (file → exact
 * expression text → why no value can get in). A new entry needs the same care.
 */
const REVIEWED: Record<string, Record<string, string>> = {
  'src/main/archive/writer.ts': {
    name: "loops over a fixed list of the undo step's temp table names",
  },
  'src/main/archive/database.ts': {
    busyTimeout: 'a number (OpenArchiveOptions.busyTimeout, checked as a finite integer), not a string',
  },
  'src/main/archive/migrate.ts': {
    'migration.version': "the migration table's own integer version number",
  },
  'src/main/archive/maintenance/archiveFileChecks.ts': {
    pragma: "either 'quick_check' or 'integrity_check', chosen by a boolean",
  },
};

interface Interpolation {
  file: string;
  line: number;
  expression: string;
  constant: boolean;
}

function sourceFiles(): string[] {
  return readdirSync(join(repoRoot, 'src'), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Module-level `const NAME = <initializer>` declarations of a file. */
function constants(source: ts.SourceFile): Map<string, ts.Expression> {
  const found = new Map<string, ts.Expression>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableStatement(node) && node.declarationList.flags & ts.NodeFlags.Const) {
      for (const declaration of node.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) {
          found.set(declaration.name.text, declaration.initializer);
        }
      }
    }
  };
  source.statements.forEach(visit);
  return found;
}

/**
 * True when `expression` is constant: a literal, a template or concatenation
 * of constants, or an UPPER_CASE name declared const (in this file or
 * imported) whose value is constant. Imported names are resolved in the file
 * they come from.
 */
function isConstant(
  expression: ts.Expression,
  file: string,
  seen: Set<string>,
  resolveImport: (file: string, name: string) => { file: string; init: ts.Expression } | null,
): boolean {
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) {
    return isConstant(expression.expression, file, seen, resolveImport);
  }
  if (
    ts.isStringLiteral(expression) ||
    ts.isNoSubstitutionTemplateLiteral(expression) ||
    ts.isNumericLiteral(expression)
  )
    return true;
  if (ts.isTemplateExpression(expression)) {
    return expression.templateSpans.every((span) => isConstant(span.expression, file, seen, resolveImport));
  }
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return (
      isConstant(expression.left, file, seen, resolveImport) && isConstant(expression.right, file, seen, resolveImport)
    );
  }
  if (
    ts.isPropertyAccessExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    /^[A-Z][A-Z0-9_]*$/.test(expression.expression.text)
  ) {
    // CONSTANT.name where CONSTANT is a const object literal of constants.
    const target = resolveImport(file, expression.expression.text);
    const init = target && ts.isAsExpression(target.init) ? target.init.expression : target?.init;
    if (!target || !init || !ts.isObjectLiteralExpression(init)) return false;
    const property = init.properties.find(
      (item) => ts.isPropertyAssignment(item) && item.name.getText() === expression.name.text,
    );
    return (
      property !== undefined &&
      ts.isPropertyAssignment(property) &&
      isConstant(property.initializer, target.file, seen, resolveImport)
    );
  }
  if (ts.isIdentifier(expression) && /^[A-Z][A-Z0-9_]*$/.test(expression.text)) {
    const key = `${file}#${expression.text}`;
    if (seen.has(key)) return true;
    seen.add(key);
    const target = resolveImport(file, expression.text);
    return target !== null && isConstant(target.init, target.file, seen, resolveImport);
  }
  return false;
}

function scanSql(): Interpolation[] {
  const parsed = new Map<string, ts.SourceFile>();
  const parse = (file: string): ts.SourceFile => {
    let source = parsed.get(file);
    if (!source) {
      source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      parsed.set(file, source);
    }
    return source;
  };
  const resolveImport = (file: string, name: string): { file: string; init: ts.Expression } | null => {
    const source = parse(file);
    const local = constants(source).get(name);
    if (local) return { file, init: local };
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      const element = bindings.elements.find((item) => item.name.text === name);
      if (!element || !statement.moduleSpecifier.text.startsWith('.')) continue;
      const target = join(file, '..', `${statement.moduleSpecifier.text}.ts`);
      return resolveImport(target, (element.propertyName ?? element.name).text);
    }
    return null;
  };

  const found: Interpolation[] = [];
  for (const file of sourceFiles()) {
    const source = parse(file);
    const rel = relative(repoRoot, file).replaceAll('\\', '/');
    const sqlNodes = new Set<ts.Node>();
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.arguments[0]) {
        const callee = node.expression;
        const name = ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : ts.isIdentifier(callee)
            ? callee.text
            : '';
        const receiverIsRegex =
          ts.isPropertyAccessExpression(callee) && ts.isRegularExpressionLiteral(callee.expression);
        const argument = node.arguments[0];
        if (
          SQL_SINKS.has(name) &&
          !receiverIsRegex &&
          (name !== 'exec' || ts.isTemplateExpression(argument) || LOOKS_LIKE_SQL.test(argument.getText(source)))
        ) {
          sqlNodes.add(argument);
        }
      }
      if (ts.isTemplateExpression(node) && LOOKS_LIKE_SQL.test(node.getText(source))) sqlNodes.add(node);
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
        [node.left, node.right].some((side) => ts.isStringLiteralLike(side) && LOOKS_LIKE_SQL.test(side.text))
      ) {
        sqlNodes.add(node);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);

    const report = (expression: ts.Expression): void => {
      found.push({
        file: rel,
        line: source.getLineAndCharacterOfPosition(expression.getStart(source)).line + 1,
        expression: expression.getText(source),
        constant: isConstant(expression, file, new Set(), resolveImport),
      });
    };
    for (const node of sqlNodes) {
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((span) => report(span.expression));
      else if (ts.isBinaryExpression(node)) {
        const operands: ts.Expression[] = [];
        const flatten = (part: ts.Expression): void => {
          if (ts.isBinaryExpression(part) && part.operatorToken.kind === ts.SyntaxKind.PlusToken) {
            flatten(part.left);
            flatten(part.right);
          } else operands.push(part);
        };
        flatten(node);
        operands.filter((part) => !ts.isStringLiteralLike(part)).forEach(report);
      } else if (ts.isIdentifier(node) && !isConstant(node, file, new Set(), resolveImport)) {
        // A variable handed to prepare(): its SQL is checked where it is built (template literals above),
        // and it must not be a parameter carrying outside text — that shows up as a non-SQL template there.
      }
    }
  }
  return found;
}

describe('SQL is built from constants and bound parameters only', () => {
  const interpolations = scanSql();

  it('finds the SQL of the archive (the scanner is looking at the right code)', () => {
    const files = new Set(interpolations.map((item) => item.file));
    expect(files.has('src/main/archive/searchQueries.ts')).toBe(true);
    expect(files.has('src/main/archive/historyQueries.ts')).toBe(true);
    expect(interpolations.filter((item) => item.constant).length).toBeGreaterThan(5);
  });

  it('interpolates only named constant SQL fragments, or a reviewed expression that cannot carry a value', () => {
    const unreviewed = interpolations
      .filter((item) => !item.constant && REVIEWED[item.file]?.[item.expression] === undefined)
      .map((item) => `${item.file}:${item.line}: \${${item.expression}}`);
    expect(unreviewed, 'values interpolated into SQL (bind them with ? or :name instead)').toEqual([]);
  });

  it('keeps the list of reviewed expressions current', () => {
    const stale = Object.entries(REVIEWED).flatMap(([file, expressions]) =>
      Object.keys(expressions)
        .filter((expression) => !interpolations.some((item) => item.file === file && item.expression === expression))
        .map((expression) => `${file}: ${expression}`),
    );
    expect(stale).toEqual([]);
  });

  it('keeps SQL inside src/main/archive', () => {
    const outside = [...new Set(interpolations.map((item) => item.file))].filter(
      (file) => !file.startsWith('src/main/archive/'),
    );
    expect(outside).toEqual([]);
  });
});

describe('FTS queries cannot escape their MATCH clause', () => {
  const db = useImportedArchive([join(samplesDir, 'princeton')]);

  const hostileQueries = [
    `'); DROP TABLE blocks;--`,
    `"); DROP TABLE snapshots; --`,
    `privacy' OR '1'='1`,
    `privacy" OR "1"="1`,
    `"unbalanced quote`,
    `'single`,
    `NEAR(`,
    `NEAR(privacy data`,
    `NEAR(privacy data, -5)`,
    `NEAR(privacy data, 999999999999)`,
    `body: privacy`,
    `text:privacy`,
    `{text heading}: cookies`,
    `- text:privacy`,
    `blocks_fts: privacy`,
    `*`,
    `privacy*`,
    `**`,
    `^privacy`,
    `^`,
    `((((privacy`,
    `privacy))))`,
    `(privacy OR`,
    `AND`,
    `OR OR OR`,
    `NOT`,
    `privacy NOT`,
    `"" ""`,
    `:`,
    `+privacy -`,
    `\u0000privacy`,
    `privacy\u0000; DELETE FROM vendors`,
    `rank MATCH 'x'`,
    `privacy) UNION SELECT name FROM sqlite_master --`,
    'a'.repeat(1000),
    Array.from({ length: 300 }, (_, index) => `w${index}`).join(' OR '),
  ];

  function counts(): Record<string, number> {
    const table = (name: string) => (db().prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n;
    return {
      vendors: table('vendors'),
      documents: table('documents'),
      snapshots: table('snapshots'),
      blocks: table('blocks'),
      textBlocks: table('text_blocks'),
    };
  }

  it('answers every hostile query without an error, with real rows only, and leaves the archive intact', () => {
    const before = counts();
    expect(before.snapshots).toBeGreaterThan(0);
    const snapshotIds = new Set(
      (db().prepare('SELECT id FROM snapshots').all() as Array<{ id: number }>).map((row) => row.id),
    );
    const documentIds = new Set(
      (db().prepare('SELECT id FROM documents').all() as Array<{ id: number }>).map((row) => row.id),
    );
    const failures: string[] = [];
    for (const query of hostileQueries) {
      const label = JSON.stringify(query.slice(0, 60));
      try {
        const result = searchArchive(db(), { query, limit: 1000 });
        for (const hit of result.hits) {
          if (!documentIds.has(hit.documentId)) failures.push(`${label}: a hit for document ${hit.documentId}`);
          if (!snapshotIds.has(hit.snapshot.id)) failures.push(`${label}: a hit for snapshot ${hit.snapshot.id}`);
        }
        const firstDocument = [...documentIds][0]!;
        const versions = searchVersions(db(), { query, documentId: firstDocument });
        for (const version of versions.versions) {
          if (!snapshotIds.has(version.snapshot.id))
            failures.push(`${label}: version of snapshot ${version.snapshot.id}`);
        }
        phraseHistory(db(), { query });
        searchTrend(db(), { query, by: 'year' });
      } catch (error) {
        failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(counts()).toEqual(before);
    const integrity = db().pragma('integrity_check', { simple: true });
    expect(integrity).toBe('ok');
    // The FTS index still matches its content table.
    expect(() =>
      db().prepare("INSERT INTO blocks_fts(blocks_fts, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
  });

  it('reads an injection as search words: one that would match every row in SQL matches nothing here', () => {
    for (const query of [
      `zzqx' OR 'qq'='qq`,
      `zzqx" OR "qq"="qq`,
      `zzqx') OR ('qq'='qq') --`,
      `zzqx OR NOT zzqx`,
      `zzqx OR blocks_fts MATCH 'privacy'`,
      `zzqx UNION SELECT text FROM blocks`,
    ]) {
      const result = searchArchive(db(), { query, limit: 1000 });
      expect(result.hits, query).toEqual([]);
      expect(result.totalDocuments, query).toBe(0);
    }
    // The same archive does answer a real word.
    expect(searchArchive(db(), { query: 'cookies', limit: 1000 }).hits.length).toBeGreaterThan(0);
  });
});
