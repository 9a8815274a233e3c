; String reverse through the stack (PUSH each byte as a qword, POP them back), 16-bit pushes, palindromes, and reversing the words of a sentence.
bits 64
org 0x100000
%include "lib.inc"

OUTBUF equ LIB_SCRATCH

_start:
    mov rsi, hello
    mov rdi, OUTBUF
    call reverse
    CHECKD rax, 13, "reverse-length"
    mov rsi, OUTBUF
    mov rdi, hello_rev
    mov ecx, 14                 ; including the NUL
    repe cmpsb
    CHECKD rcx, 0, "reverse-hello-matches"
    PRINT "reversed: "
    mov esi, OUTBUF
    call lib_puts
    NEWLINE

    ; the same with 16-bit pushes: RSP moves 2 bytes per character
    mov rbx, rsp
    mov rsi, alphabet
    xor ecx, ecx
.push16:
    movzx eax, byte [rsi + rcx]
    test al, al
    jz .pop16
    push ax
    inc ecx
    jmp .push16
.pop16:
    mov rdx, rbx
    sub rdx, rsp
    CHECKD rdx, 52, "push16-stack-bytes"
    xor edx, edx
.pop16_loop:
    pop ax
    mov [OUTBUF + rdx], al
    inc edx
    cmp edx, ecx
    jb .pop16_loop
    mov byte [OUTBUF + rdx], 0
    mov rdx, rbx
    sub rdx, rsp
    CHECKD rdx, 0, "push16-balanced"
    mov rax, [OUTBUF]
    CHECK rax, 'zyxwvuts', "push16-reversed-first-8"
    mov rax, [OUTBUF + 18]
    CHECK rax, 'hgfedcba', "push16-reversed-last-8"

    ; palindromes: a string equals its reverse
    mov rsi, palindrome
    call is_palindrome
    CHECKD rax, 1, "racecar-is-palindrome"
    mov rsi, hello
    call is_palindrome
    CHECKD rax, 0, "hello-is-not-palindrome"

    ; reverse the order of the words: push the start of each word, pop them in reverse
    mov rsi, sentence
    mov rdi, OUTBUF
    call reverse_words
    mov rsi, OUTBUF
    mov rdi, sentence_rev
    mov ecx, sentence_rev_len
    repe cmpsb
    CHECKD rcx, 0, "reverse-words-matches"
    PRINT "words: "
    mov esi, OUTBUF
    call lib_puts
    NEWLINE
    DONE

; reverse(rsi = NUL-terminated string, rdi = output) -> rax = length
reverse:
    xor ecx, ecx
.push:
    movzx eax, byte [rsi + rcx]
    test al, al
    jz .pop
    push rax
    inc rcx
    jmp .push
.pop:
    mov rax, rcx
    test rcx, rcx
    jz .end
.pop_loop:
    pop rdx
    mov [rdi], dl
    inc rdi
    dec rcx
    jnz .pop_loop
.end:
    mov byte [rdi], 0
    ret

; is_palindrome(rsi) -> rax: reverse into a buffer and compare
is_palindrome:
    push rsi
    mov rdi, OUTBUF + 0x800
    call reverse
    mov rcx, rax
    pop rsi
    mov rdi, OUTBUF + 0x800
    repe cmpsb
    sete al
    movzx eax, al
    ret

; reverse_words(rsi = words separated by single spaces, rdi = output)
reverse_words:
    mov rbx, rsp                ; the marker: stop popping here
.find:
    push rsi                    ; start of a word
.skip:
    mov al, [rsi]
    test al, al
    jz .emit
    inc rsi
    cmp al, ' '
    jne .skip
    jmp .find
.emit:
    cmp rsp, rbx
    je .done
    pop rsi
.copy:
    mov al, [rsi]
    test al, al
    jz .word_end
    cmp al, ' '
    je .word_end
    mov [rdi], al
    inc rdi
    inc rsi
    jmp .copy
.word_end:
    mov byte [rdi], ' '
    inc rdi
    jmp .emit
.done:
    mov byte [rdi - 1], 0       ; replace the last space
    ret

hello:        db "Hello, world!", 0
hello_rev:    db "!dlrow ,olleH", 0
alphabet:     db "abcdefghijklmnopqrstuvwxyz", 0
palindrome:   db "racecar", 0
sentence:     db "the quick brown fox jumps", 0
sentence_rev: db "jumps fox brown quick the", 0
sentence_rev_len equ $ - sentence_rev
