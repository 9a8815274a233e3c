; Macro-heavy code: parameter counts, defaults, greedy parameters, %%local labels, %rotate, %0 and contexts.
        bits 32
        org 0

%macro multipush 1-*
  %rep %0
        push %1
    %rotate 1
  %endrep
%endmacro

%macro multipop 1-*
  %rep %0
    %rotate -1
        pop %1
  %endrep
%endmacro

%macro retz 0
        jnz %%skip
        ret
%%skip:
%endmacro

%macro fill 1-2 0x90
        times %1 db %2
%endmacro

%macro print 1+
        jmp %%after
%%str:  db %1, 0
%%after:
        push %%str
        call puts
        add esp, 4
%endmacro

%define square(x) ((x)*(x))
%define REG(n) e %+ n %+ x
%xdefine BASE 0x1000
%define BASE2 BASE+4
%undef BASE
%define BASE 0

%macro if 1
  %push if
        j%-1 %$ifnot
%endmacro
%macro else 0
  %ifctx if
    %repl else
        jmp %$ifend
%$ifnot:
  %else
    %error "expected 'if' before 'else'"
  %endif
%endmacro
%macro endif 0
  %ifctx if
%$ifnot:
    %pop
  %elifctx else
%$ifend:
    %pop
  %else
    %error "expected 'if' or 'else' before 'endif'"
  %endif
%endmacro

start:
        multipush eax, ebx, ecx, edx
        multipop eax, ebx, ecx, edx
        test eax, eax
        retz
        mov eax, square(7)
        mov REG(a), BASE2
        fill 3
        fill 2, 0xcc
        print "hello, world", 13, 10
        cmp eax, 5
        if e
            mov ebx, 1
        else
            mov ebx, 2
        endif
        ret

puts:   ret
