/**
 * The parts of the Frictionless reference implementation for JavaScript (`datapackage`, which validates
 * with `tableschema`) that the report tests use; the package ships no type declarations.
 */
declare module 'datapackage' {
  export interface Table {
    /** Reads and casts every row against the Table Schema; throws with `errors` listing every bad cell. */
    read(options?: { keyed?: boolean; forceCast?: boolean; relations?: boolean }): Promise<unknown[]>;
    headers: string[];
  }
  export interface Resource {
    name: string;
    descriptor: Record<string, unknown>;
    tabular: boolean;
    valid: boolean;
    errors: Error[];
    table: Promise<Table>;
    read(options?: { keyed?: boolean; forceCast?: boolean }): Promise<unknown[]>;
    checkRelations(): Promise<boolean>;
  }
  export interface Package {
    valid: boolean;
    errors: Error[];
    profile: { name: string };
    descriptor: Record<string, unknown>;
    resources: Resource[];
  }
  export const Package: {
    /** A descriptor object or the path of a datapackage.json; `basePath` resolves resource paths. */
    load(descriptor: string | Record<string, unknown>, options?: { basePath?: string; strict?: boolean }): Promise<Package>;
  };
  export function validate(descriptor: string | Record<string, unknown>): Promise<{ valid: boolean; errors: Error[] }>;
}
