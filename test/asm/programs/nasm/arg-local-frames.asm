; %arg/%local stack frames with %stacksize, in 32-bit and 64-bit code.
        bits 32

sum3:
    %push sum3_ctx
    %stacksize flat
    %arg a:dword, b:dword, c:dword
        push ebp
        mov ebp, esp
        mov eax, [a]
        add eax, [b]
        add eax, [c]
        pop ebp
        ret
    %pop

swap_words:
    %push swap_ctx
    %stacksize flat
    %arg p:dword, q:dword
    %assign %$localsize 0
    %local tmp:dword, count:word
        enter %$localsize, 0
        mov esi, [p]
        mov edi, [q]
        mov ax, [esi]
        mov [tmp], eax
        mov word [count], 1
        mov bx, [edi]
        mov [esi], bx
        mov eax, [tmp]
        mov [edi], ax
        leave
        ret
    %pop

        bits 64
scale64:
    %push scale_ctx
    %stacksize flat64
    %arg x:qword, factor:qword
    %assign %$localsize 0
    %local acc:qword
        push rbp
        mov rbp, rsp
        sub rsp, %$localsize
        mov rax, [x]
        imul rax, [factor]
        mov [acc], rax
        mov rax, [acc]
        leave
        ret
    %pop
