# One place for the warning set, applied to every target of the project.
function(adc_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -pedantic -Wstrict-prototypes -Wmissing-prototypes
    -Wshadow -Wundef -Wcast-qual -Wformat=2 -Wconversion -Wno-sign-conversion)
  if(ADC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
