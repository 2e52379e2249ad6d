/** Where in DATA_DIR the live demo keeps its ingest key (this user only). */
export const DEMO_PLATFORM_KEY_FILE = "demo-platform-key.txt";
