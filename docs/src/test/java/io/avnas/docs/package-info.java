/** Checks that keep the Markdown docs true to the code (configuration defaults, links). */
package io.avnas.docs;
