export function generateQueryParserSource(grammar: string): string;
