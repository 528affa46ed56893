/**
 * The span model's inner loop: for each token (or sentence), the sum of the
 * weight rows its features picked, as a 16-lane float32 vector (a model of up
 * to 16 labels, rows padded with zeros). Done in WebAssembly SIMD because it
 * is most of the stage's time in JavaScript: a row costs four `f32x4.add`
 * here, sixteen scalar float32 additions there.
 *
 * `f32x4.add` is the IEEE-754 single-precision addition, rounded to nearest
 * even, in each lane: the very value `Math.fround(a + b)` gives (a double sum
 * of two float32s rounds to the same float32). Each label's sum is its own
 * chain of such additions from 0, in pick order, so the sums are bit for bit
 * those of a scalar float32 loop (row-sum-kernel.test.ts checks it).
 *
 * The module is written out below by hand (about 200 bytes; WAT alongside).
 * Memory layout, in bytes: the weights at 0 (row r at r × 64), then per call
 * a slot table (`[dest, count]` int32 pairs), the sums (`dest × 64` from
 * `acc`) and the picked row ids.
 */

/** Lanes of a row: a model with more labels is scored in JavaScript. */
export const KERNEL_LANES = 16;
const ROW_BYTES = KERNEL_LANES * 4;
const PAGE = 65536;

/*
 * (func (export "sum") (param $rows i32) (param $slots i32) (param $nslots i32) (param $acc i32)
 *   (local $end i32) (local $count i32) (local $at i32) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
 *   (local.set $end (i32.add (local.get $slots) (i32.shl (local.get $nslots) (i32.const 3))))
 *   (block $done (loop $slot
 *     (br_if $done (i32.ge_u (local.get $slots) (local.get $end)))
 *     (local.set $v3 (local.tee $v2 (local.tee $v1 (local.tee $v0 (v128.const i32x4 0 0 0 0)))))
 *     (local.set $count (i32.load offset=4 (local.get $slots)))
 *     (block $summed (loop $row
 *       (br_if $summed (i32.eqz (local.get $count)))
 *       (local.set $at (i32.shl (i32.load (local.get $rows)) (i32.const 6)))
 *       (local.set $v0 (f32x4.add (local.get $v0) (v128.load offset=0 (local.get $at))))
 *       … $v1 offset=16, $v2 offset=32, $v3 offset=48
 *       (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
 *       (local.set $count (i32.sub (local.get $count) (i32.const 1)))
 *       (br $row)))
 *     (local.set $at (i32.add (local.get $acc) (i32.shl (i32.load (local.get $slots)) (i32.const 6))))
 *     (v128.store offset=0 (local.get $at) (local.get $v0))
 *     … $v1 offset=16, $v2 offset=32, $v3 offset=48
 *     (local.set $slots (i32.add (local.get $slots) (i32.const 8)))
 *     (br $slot))))
 */
const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  tee: (local: number) => [0x22, local],
  const: (value: number) => [0x41, value], // values 0‥63 only (one signed LEB128 byte)
  load: (offset: number) => [0x28, 2, offset],
  eqz: [0x45],
  geU: [0x4f],
  add: [0x6a],
  sub: [0x6b],
  shl: [0x74],
  v128Load: (offset: number) => [0xfd, 0x00, 4, offset],
  v128Store: (offset: number) => [0xfd, 0x0b, 4, offset],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f32x4Add: [0xfd, 0xe4, 0x01],
};
const [ROWS, SLOTS, NSLOTS, ACC, END, COUNT, AT] = [0, 1, 2, 3, 4, 5, 6];
const V = [7, 8, 9, 10];

function sumBody(): number[] {
  const lanes = (f: (v: number, offset: number) => number[]) => V.flatMap((v, k) => f(v, k * 16));
  return [
    ...[2, 3, I32, 4, V128], // locals: 3 × i32, 4 × v128
    ...op.get(SLOTS),
    ...op.get(NSLOTS),
    ...op.const(3),
    ...op.shl,
    ...op.add,
    ...op.set(END),
    ...op.block,
    ...op.loop,
    ...op.get(SLOTS),
    ...op.get(END),
    ...op.geU,
    ...op.brIf(1),
    ...op.v128Zero,
    ...op.tee(V[0]),
    ...op.tee(V[1]),
    ...op.tee(V[2]),
    ...op.set(V[3]),
    ...op.get(SLOTS),
    ...op.load(4),
    ...op.set(COUNT),
    ...op.block,
    ...op.loop,
    ...op.get(COUNT),
    ...op.eqz,
    ...op.brIf(1),
    ...op.get(ROWS),
    ...op.load(0),
    ...op.const(6),
    ...op.shl,
    ...op.set(AT),
    ...lanes((v, offset) => [...op.get(v), ...op.get(AT), ...op.v128Load(offset), ...op.f32x4Add, ...op.set(v)]),
    ...op.get(ROWS),
    ...op.const(4),
    ...op.add,
    ...op.set(ROWS),
    ...op.get(COUNT),
    ...op.const(1),
    ...op.sub,
    ...op.set(COUNT),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.get(ACC),
    ...op.get(SLOTS),
    ...op.load(0),
    ...op.const(6),
    ...op.shl,
    ...op.add,
    ...op.set(AT),
    ...lanes((v, offset) => [...op.get(AT), ...op.get(v), ...op.v128Store(offset)]),
    ...op.get(SLOTS),
    ...op.const(8),
    ...op.add,
    ...op.set(SLOTS),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.end,
  ];
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

function moduleBytes(): Uint8Array {
  const body = sumBody();
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 4, I32, I32, I32, I32, 0]), // type: (i32 i32 i32 i32) → ()
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0x00, 1]), // one memory, 1 page to start (grown by `reserve`)
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('sum'), 0x00, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

// The little of the WebAssembly API used here (the project's TypeScript libs do not declare it).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
/** A compiled module (opaque). */
interface WasmModule {
  readonly __wasmModule?: never;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule) => { exports: Record<string, unknown> };
};

let compiled: WasmModule | null = null;

/**
 * One model's weights in kernel memory, and the per-call buffers after them.
 * The views (`rows`, `slots`, `acc`) are replaced whenever memory grows: read
 * them after `reserve`, never keep them across calls.
 */
export class RowSumKernel {
  private readonly memory: WasmMemory;
  private readonly sum: (rows: number, slots: number, nslots: number, acc: number) => void;
  /** First byte after the weights. */
  private readonly base: number;
  private slotsAt = 0;
  private accAt = 0;
  private rowsAt = 0;
  slots = new Int32Array(0);
  acc = new Float32Array(0);
  rows = new Int32Array(0);

  /** `weights`: `rowCount × 16` floats, row-major. */
  constructor(weights: Float32Array) {
    compiled ??= new WebAssembly.Module(moduleBytes());
    const instance = new WebAssembly.Instance(compiled);
    this.memory = instance.exports.memory as WasmMemory;
    this.sum = instance.exports.sum as RowSumKernel['sum'];
    this.base = Math.ceil((weights.length * 4) / ROW_BYTES) * ROW_BYTES;
    this.ensure(this.base);
    new Float32Array(this.memory.buffer, 0, weights.length).set(weights);
  }

  /** Room for `slotCount` slots (and their sums) and at least `rowCapacity` picked rows; the views are valid after it (until the next `reserve`). */
  reserve(slotCount: number, rowCapacity: number): void {
    this.slotsAt = this.base;
    this.accAt = this.slotsAt + Math.ceil((slotCount * 8) / ROW_BYTES) * ROW_BYTES;
    this.rowsAt = this.accAt + slotCount * ROW_BYTES;
    this.ensure(this.rowsAt + rowCapacity * 4);
    this.views(slotCount);
  }

  /** `acc[dest × 16 …]` = the sum of the slot's rows, for each of the first `slotCount` slots in order. */
  run(slotCount: number): void {
    this.sum(this.rowsAt, this.slotsAt, slotCount, this.accAt);
  }

  private ensure(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
  }

  private views(slotCount: number): void {
    const buffer = this.memory.buffer;
    this.slots = new Int32Array(buffer, this.slotsAt, slotCount * 2);
    this.acc = new Float32Array(buffer, this.accAt, slotCount * KERNEL_LANES);
    this.rows = new Int32Array(buffer, this.rowsAt, (buffer.byteLength - this.rowsAt) >> 2);
  }
}
