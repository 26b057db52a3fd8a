import { pythonIndentedJson, webhookContextBlock } from './webhook-context';

describe('webhookContextBlock', () => {
  it('is empty without parameters and metadata', () => {
    expect(webhookContextBlock({}, {})).toBe('');
  });
  it('lists parameters and metadata as the reference service does', () => {
    expect(webhookContextBlock({ branch: 'main' }, { source: 'github' })).toBe(
      '\n\n---\nWebhook Context:\nParameters: {\n  "branch": "main"\n}\nMetadata: {\n  "source": "github"\n}\n',
    );
  });
  it('leaves out the part that is empty', () => {
    expect(webhookContextBlock({}, { source: 'ci' })).toBe('\n\n---\nWebhook Context:\nMetadata: {\n  "source": "ci"\n}\n');
  });
});

describe('pythonIndentedJson', () => {
  it('matches json.dumps(indent=2) with ensure_ascii (output of CPython)', () => {
    expect(pythonIndentedJson({ a: { b: 1 }, c: 'é\u007f' })).toBe('{\n  "a": {\n    "b": 1\n  },\n  "c": "\\u00e9\\u007f"\n}');
  });
});
