/** Python's json.dumps(value, indent=2): ensure_ascii escapes DEL and every non-ASCII character as \uXXXX. */
export function pythonIndentedJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The block the reference service appends to a webhook execution's prompt when the payload carries parameters or
 * metadata, so the agent sees what the sender sent:
 *
 *   \n\n---\nWebhook Context:\nParameters: <json, indent 2>\nMetadata: <json, indent 2>\n
 *
 * Empty string when there is neither.
 */
export function webhookContextBlock(parameters: Record<string, unknown>, metadata: Record<string, unknown>): string {
  const hasParameters = Object.keys(parameters).length > 0;
  const hasMetadata = Object.keys(metadata).length > 0;
  if (!hasParameters && !hasMetadata) return '';
  let block = '\n\n---\nWebhook Context:\n';
  if (hasParameters) block += `Parameters: ${pythonIndentedJson(parameters)}\n`;
  if (hasMetadata) block += `Metadata: ${pythonIndentedJson(metadata)}\n`;
  return block;
}
