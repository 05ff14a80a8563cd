;; XXH32 (seed 0) of a range of this module's memory: the checksum of each --cache line (src/runner/line-checksum.ts
;; holds this module compiled by `wat2wasm xxh32.wat`, gives it its memory, and reads the cache's lines into it from
;; 65536 on). Four lanes of 32-bit multiplies over 16 bytes a step, as the reference implementation does: about twice
;; as fast as a CRC-32 sliced by 8 here, and as good at catching a damaged line.
(module
  (import "js" "memory" (memory 1))
  (func (export "hash") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $limit i32) (local $h i32)
    (local $v1 i32) (local $v2 i32) (local $v3 i32) (local $v4 i32)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (if (i32.ge_u (local.get $n) (i32.const 16))
      (then
        (local.set $limit (i32.sub (local.get $end) (i32.const 16)))
        (local.set $v1 (i32.const 606290984))   ;; PRIME1 + PRIME2
        (local.set $v2 (i32.const -2048144777)) ;; PRIME2
        (local.set $v3 (i32.const 0))
        (local.set $v4 (i32.const 1640531535))  ;; -PRIME1
        (loop $stripes
          (local.set $v1 (i32.mul (i32.rotl (i32.add (local.get $v1) (i32.mul (i32.load (local.get $p)) (i32.const -2048144777))) (i32.const 13)) (i32.const -1640531535)))
          (local.set $v2 (i32.mul (i32.rotl (i32.add (local.get $v2) (i32.mul (i32.load offset=4 (local.get $p)) (i32.const -2048144777))) (i32.const 13)) (i32.const -1640531535)))
          (local.set $v3 (i32.mul (i32.rotl (i32.add (local.get $v3) (i32.mul (i32.load offset=8 (local.get $p)) (i32.const -2048144777))) (i32.const 13)) (i32.const -1640531535)))
          (local.set $v4 (i32.mul (i32.rotl (i32.add (local.get $v4) (i32.mul (i32.load offset=12 (local.get $p)) (i32.const -2048144777))) (i32.const 13)) (i32.const -1640531535)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $stripes (i32.le_u (local.get $p) (local.get $limit))))
        (local.set $h (i32.add (i32.add (i32.rotl (local.get $v1) (i32.const 1)) (i32.rotl (local.get $v2) (i32.const 7)))
                               (i32.add (i32.rotl (local.get $v3) (i32.const 12)) (i32.rotl (local.get $v4) (i32.const 18))))))
      (else (local.set $h (i32.const 374761393)))) ;; PRIME5
    (local.set $h (i32.add (local.get $h) (local.get $n)))
    (block $words_done
      (loop $words
        (br_if $words_done (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $end)))
        (local.set $h (i32.mul (i32.rotl (i32.add (local.get $h) (i32.mul (i32.load (local.get $p)) (i32.const -1028477379))) (i32.const 17)) (i32.const 668265263)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $words)))
    (block $bytes_done
      (loop $bytes
        (br_if $bytes_done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $h (i32.mul (i32.rotl (i32.add (local.get $h) (i32.mul (i32.load8_u (local.get $p)) (i32.const 374761393))) (i32.const 11)) (i32.const -1640531535)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $bytes)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))) (i32.const -2048144777)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))) (i32.const -1028477379)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16)))))
