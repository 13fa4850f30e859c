// Errors of a SOQL query, with Salesforce's error codes: MALFORMED_QUERY (syntax), INVALID_FIELD (an
// unknown or invisible column, or a value of the wrong type), INVALID_TYPE (an unknown sObject).
export type SoqlErrorCode =
  | 'MALFORMED_QUERY'
  | 'INVALID_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_QUERY_FILTER_OPERATOR';

export class SoqlError extends Error {
  readonly errorCode: SoqlErrorCode;
  constructor(errorCode: SoqlErrorCode, message: string) {
    super(message);
    this.errorCode = errorCode;
  }
}

/** Salesforce prefixes parse errors with the query and the position: "\n<soql>\n^\nERROR at Row:1:Column:N\n…". */
export function withPosition(soql: string, needle: string | null, message: string): string {
  const index = needle === null ? 0 : Math.max(0, soql.indexOf(needle));
  return `\n${soql}\n${' '.repeat(index)}^\nERROR at Row:1:Column:${index + 1}\n${message}`;
}
