#include "ui/app.hpp"
