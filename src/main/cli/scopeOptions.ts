import { InvalidArgumentError, type Command } from 'commander';
import type { SearchFilters } from '../../shared/searchDomain';
import { findVendor } from '../archive/queries';
import { captureBounds, FilterDateError } from '../search/filterDates';
import { CliError, ExitCode } from './exitCodes';
import type { OpenedArchive } from './session';

/** The filter options `history` and `trend` share, as commander hands them over. */
export interface ScopeOptions {
  vendor: string[];
  type: string[];
  from?: string;
  to?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** A `--from` / `--to` value: checked here so a date that does not exist is a usage error (exit 2). */
function filterDate(option: string): (value: string) => string {
  return (value) => {
    try {
      captureBounds(option, value);
    } catch (error) {
      if (error instanceof FilterDateError) throw new InvalidArgumentError(error.message);
      throw error;
    }
    return value;
  };
}

/** Declare `--vendor` (repeatable), `--type` (repeatable), `--from`, `--to` on a command. */
export function addScopeOptions(command: Command): Command {
  return command
    .option('--vendor <vendor>', 'only this vendor (id, key or name; repeat for several)', collect, [])
    .option('--type <key>', 'only documents of this type, e.g. privacy-policy (repeat for several)', collect, [])
    .option('--from <date>', 'only captures from this date on (2018, 2018-05, 2018-05-25)', filterDate('--from'))
    .option('--to <date>', 'only captures up to this date, inclusive (2018 = through 2018-12-31)', filterDate('--to'));
}

/** The options as contract filters; an unknown vendor is "not found" (exit 3). */
export function scopeFilters(archive: OpenedArchive, options: ScopeOptions): SearchFilters {
  const vendorIds = options.vendor.map((ref) => {
    const vendor = findVendor(archive.db, ref);
    if (!vendor) {
      throw new CliError(ExitCode.notFound, `Vendor "${ref}" not found. List the vendors with: policy-archive vendors`);
    }
    return vendor.id;
  });
  return {
    ...(vendorIds.length > 0 ? { vendorIds } : {}),
    ...(options.type.length > 0 ? { documentKeys: options.type } : {}),
    ...(options.from !== undefined ? { capturedFrom: options.from } : {}),
    ...(options.to !== undefined ? { capturedTo: options.to } : {}),
  };
}
