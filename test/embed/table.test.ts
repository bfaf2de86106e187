import { describe, expect, it } from 'vitest';
import { decodeTable, encodeTable, readOnnxMatrix } from '../../src/embed/table.js';
import { StorydiffError } from '../../src/errors.js';

const vocab = ['[PAD]', '[UNK]', 'alpha', '##beta'];
const values = Float32Array.from([0, 0, 0, 0, 0, 0, 1, -0.5, 0.25, 0.1, 0.2, -0.3]);

describe('.sdt tables', () => {
  it('round-trips int8 tables within one quantisation step per row', () => {
    const t = decodeTable(encodeTable({ name: 'toy', dim: 3, vocab, values, languages: ['en'] }));
    expect(t).toMatchObject({ name: 'toy', dim: 3, rows: 4, vocab, languages: ['en'] });
    expect(t.values).toBeInstanceOf(Int8Array);
    for (let r = 0; r < 4; r++) {
      const step = t.scales[r];
      for (let k = 0; k < 3; k++)
        expect(Math.abs(t.scales[r] * t.values[r * 3 + k] - values[r * 3 + k])).toBeLessThanOrEqual(
          step / 2 + 1e-7,
        );
    }
    expect(t.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('round-trips float32 tables exactly and is deterministic', () => {
    const bytes = encodeTable({ name: 'toy', dim: 3, vocab, values, quantization: 'float32' });
    expect(
      Buffer.from(bytes).equals(
        Buffer.from(encodeTable({ name: 'toy', dim: 3, vocab, values, quantization: 'float32' })),
      ),
    ).toBe(true);
    const t = decodeTable(bytes);
    expect(Array.from(t.values)).toEqual(Array.from(values));
  });

  it('rejects files that are not tables with a FORMAT_VERSION error', () => {
    const err = (() => {
      try {
        decodeTable(new TextEncoder().encode('not a table at all'));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(StorydiffError);
    expect((err as StorydiffError).code).toBe('FORMAT_VERSION');
  });

  it('rejects a value array of the wrong size', () => {
    expect(() => encodeTable({ name: 'x', dim: 2, vocab, values })).toThrow(/values/);
  });
});

/** Protobuf bytes: a length-delimited field. */
function ld(field: number, payload: Uint8Array): Uint8Array {
  const len: number[] = [];
  let n = payload.length;
  do {
    len.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return Uint8Array.from([(field << 3) | 2, ...len, ...payload]);
}
const varint = (field: number, v: number) => Uint8Array.from([(field << 3) | 0, v]);
const cat = (...xs: Uint8Array[]) => Uint8Array.from(xs.flatMap((x) => [...x]));

describe('readOnnxMatrix', () => {
  it('finds the largest 2-D float initializer (raw float32 and float16)', () => {
    const f32 = new Uint8Array(Float32Array.from([1, 2, 3, 4, 5, 6]).buffer);
    // float16: 1.0 = 0x3c00, -2.0 = 0xc000
    const f16 = Uint8Array.from([0x00, 0x3c, 0x00, 0xc0]);
    const small = ld(
      5,
      cat(varint(1, 1), varint(1, 2), varint(2, 10), ld(8, new TextEncoder().encode('s')), ld(9, f16)),
    );
    const big = ld(
      5,
      cat(varint(1, 3), varint(1, 2), varint(2, 1), ld(8, new TextEncoder().encode('E')), ld(9, f32)),
    );
    const model = cat(varint(1, 8), ld(7, cat(small, big)));
    const m = readOnnxMatrix(model);
    expect(m).toMatchObject({ rows: 3, dim: 2 });
    expect(Array.from(m.values)).toEqual([1, 2, 3, 4, 5, 6]);
    const only16 = readOnnxMatrix(cat(ld(7, small)));
    expect(Array.from(only16.values)).toEqual([1, -2]);
  });

  it('says so when there is no matrix', () => {
    expect(() => readOnnxMatrix(cat(varint(1, 8)))).toThrow(/initializer/);
  });
});
