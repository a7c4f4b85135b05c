# calfcoach_set_warnings(target): the warning set for our own code (never for third-party sources).
function(calfcoach_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
endfunction()
