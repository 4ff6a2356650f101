{
  "targets": [
    {
      "target_name": "pfa_native",
      "sources": ["native/addon.c", "native/prescan.c", "native/skim.c", "native/templates.c"],
      "cflags": ["-O3", "-std=c11"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-std=c11"] }
    }
  ]
}
