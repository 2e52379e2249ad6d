"use client";

import type { ComponentProps } from "react";

/**
 * A GET filter form: submitted by the browser as usual (works without JS), but a field left
 * at its "any" choice ("") stays out of the URL instead of adding `kind=&severity=`.
 * autoComplete="off": Chromium would otherwise restore the selects as they were left when
 * the page is opened again with Back, over the values the URL says.
 */
export function FilterForm(props: Omit<ComponentProps<"form">, "method" | "ref" | "autoComplete">) {
  return <form {...props} method="get" autoComplete="off" ref={dropEmptyFields} />;
}

function dropEmptyFields(form: HTMLFormElement) {
  const onFormData = ({ formData }: FormDataEvent) => {
    for (const name of new Set(formData.keys())) {
      const values = formData.getAll(name);
      if (!values.includes("")) continue;
      formData.delete(name);
      for (const value of values) if (value !== "") formData.append(name, value);
    }
  };
  form.addEventListener("formdata", onFormData);
  return () => form.removeEventListener("formdata", onFormData);
}
