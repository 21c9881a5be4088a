#include <nifti/nifti2_io.h>
