;; CRC-32 (zlib's: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF) of a range of this module's
;; memory, eight bytes a step ("slicing by 8"). src/runner/crc32-wasm.ts holds this module compiled (`wat2wasm
;; crc32.wat`), gives it its memory, writes the eight tables of 256 entries at 0, 1024, …, 7168, and reads the cache's lines into the
;; memory from 65536 on.
(module
  (import "js" "memory" (memory 1))
  (func (export "crc") (param $p i32) (param $n i32) (result i32)
    (local $c i32) (local $end i32) (local $end8 i32) (local $a i32) (local $b i32)
    (local.set $c (i32.const -1))
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (local.set $end8 (i32.add (local.get $p) (i32.and (local.get $n) (i32.const -8))))
    (block $done8
      (loop $eight
        (br_if $done8 (i32.ge_u (local.get $p) (local.get $end8)))
        (local.set $a (i32.xor (i32.load (local.get $p)) (local.get $c)))
        (local.set $b (i32.load offset=4 (local.get $p)))
        (local.set $c
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=7168 (i32.shl (i32.and (local.get $a) (i32.const 255)) (i32.const 2)))
                (i32.load offset=6144 (i32.shl (i32.and (i32.shr_u (local.get $a) (i32.const 8)) (i32.const 255)) (i32.const 2))))
              (i32.xor
                (i32.load offset=5120 (i32.shl (i32.and (i32.shr_u (local.get $a) (i32.const 16)) (i32.const 255)) (i32.const 2)))
                (i32.load offset=4096 (i32.shl (i32.shr_u (local.get $a) (i32.const 24)) (i32.const 2)))))
            (i32.xor
              (i32.xor
                (i32.load offset=3072 (i32.shl (i32.and (local.get $b) (i32.const 255)) (i32.const 2)))
                (i32.load offset=2048 (i32.shl (i32.and (i32.shr_u (local.get $b) (i32.const 8)) (i32.const 255)) (i32.const 2))))
              (i32.xor
                (i32.load offset=1024 (i32.shl (i32.and (i32.shr_u (local.get $b) (i32.const 16)) (i32.const 255)) (i32.const 2)))
                (i32.load (i32.shl (i32.shr_u (local.get $b) (i32.const 24)) (i32.const 2)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $eight)))
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $c
          (i32.xor
            (i32.load (i32.shl (i32.and (i32.xor (local.get $c) (i32.load8_u (local.get $p))) (i32.const 255)) (i32.const 2)))
            (i32.shr_u (local.get $c) (i32.const 8))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $one)))
    (i32.xor (local.get $c) (i32.const -1))))
