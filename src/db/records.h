#pragma once
// Types shared by the rows of more than one module (see db/<module>_store.h for the rows).

#include <map>
#include <string>

namespace tongban::db {

//! A row's texts in languages beyond Chinese and English, from catalog/i18n:
//! field → language → text, e.g. {"name": {"it": "…", "de": "…"}}.
using TextTranslations = std::map<std::string, std::map<std::string, std::string>>;

}  // namespace tongban::db
