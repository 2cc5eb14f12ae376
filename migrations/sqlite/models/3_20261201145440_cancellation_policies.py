from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "cancellation_policy" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "is_default" INT NOT NULL,
    "current_version_id" INT,
    "version" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_cancellatio_agency__462770" UNIQUE ("agency_id", "name")
) /* A named policy of the agency; the default one applies to new bookings. */;
        CREATE TABLE IF NOT EXISTS "cancellation_policy_version" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" INT NOT NULL,
    "terms" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "created_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "policy_id" INT NOT NULL REFERENCES "cancellation_policy" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_cancellatio_policy__bdb666" UNIQUE ("policy_id", "version")
) /* One saved version of a policy: its tiers, payout tiers, calendar and grace. */;
        CREATE TABLE IF NOT EXISTS "late_reschedule" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "from_pickup_at" TIMESTAMP NOT NULL,
    "from_estimated_end_at" TIMESTAMP NOT NULL,
    "to_pickup_at" TIMESTAMP NOT NULL,
    "to_estimated_end_at" TIMESTAMP NOT NULL,
    "requested_at" TIMESTAMP NOT NULL,
    "rescheduled_at" TIMESTAMP NOT NULL,
    "policy_version_id" INT NOT NULL,
    "tier" INT,
    "billable" INT NOT NULL,
    "charge" VARCHAR(40) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "decision" JSON NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
    "mission_id" INT NOT NULL REFERENCES "mission" ("id") ON DELETE RESTRICT,
    "rescheduled_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT
) /* A mission's start moved inside its policy's notice: billed as a cancellation of the */;
CREATE INDEX IF NOT EXISTS "idx_late_resche_mission_9d75cb" ON "late_reschedule" ("mission_id");
        ALTER TABLE "customer" ADD "cancellation_policy_id" INT;
        ALTER TABLE "mission" ADD "policy_version_id" INT;
        ALTER TABLE "mission" ADD "no_show_grace_minutes" INT;
        ALTER TABLE "cancellation" ADD "notice_minutes" INT;
        ALTER TABLE "cancellation" ADD "policy_version_id" INT;
        ALTER TABLE "cancellation" ADD "tier" INT;
        ALTER TABLE "cancellation" ADD "business_notice_minutes" INT;
        ALTER TABLE "pending_review_item" ADD "late_reschedule_id" INT;
        ALTER TABLE "pending_review_item" ADD "rebooked_credit_confirmed_at" TIMESTAMP;
        ALTER TABLE "pending_review_item" ADD "rebooked_mission_id" INT;
        ALTER TABLE "pending_review_item" ADD "rebooked_credit" VARCHAR(40);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "customer" DROP COLUMN "cancellation_policy_id";
        ALTER TABLE "mission" DROP COLUMN "policy_version_id";
        ALTER TABLE "mission" DROP COLUMN "no_show_grace_minutes";
        ALTER TABLE "cancellation" DROP COLUMN "notice_minutes";
        ALTER TABLE "cancellation" DROP COLUMN "policy_version_id";
        ALTER TABLE "cancellation" DROP COLUMN "tier";
        ALTER TABLE "cancellation" DROP COLUMN "business_notice_minutes";
        ALTER TABLE "pending_review_item" DROP COLUMN "late_reschedule_id";
        ALTER TABLE "pending_review_item" DROP COLUMN "rebooked_credit_confirmed_at";
        ALTER TABLE "pending_review_item" DROP COLUMN "rebooked_mission_id";
        ALTER TABLE "pending_review_item" DROP COLUMN "rebooked_credit";
        DROP TABLE IF EXISTS "late_reschedule";
        DROP TABLE IF EXISTS "cancellation_policy_version";
        DROP TABLE IF EXISTS "cancellation_policy";"""


MODELS_STATE = (
    "eJztXe1z2kjS/1em+JKkit2K8Uty7FNPFcYk4RaDC5PN3a2vdDIajB6DhpWEHe5u//dnZi"
    "Sht5EYCSGE0l9skKYb+PVMa/pluv/TWBINL6yfO0/YmG4abfSfhqEuMX0RudNEDXW18q+z"
    "C7b6uOBDVX/Mo2Wb6tSmV2fqwsL0koatqamvbJ0YbGwH2dhQDbuNdNtCGp6p6wV9QZkvNu"
    "h1jk2MVDRdWzZZYhMRE2mm/kJfWZiOMog9142nn9lHaWRKP4u+K5Tr2tD/WGPFJk/YpmSU"
    "9+//pJd1Q8PfseW9XT0rMx0vtBBgusYY8OuKvVnxa33D/sQHsi/8qEzJYr00/MGrjT0nxn"
    "a0btjsKkUTm6qNGXvbXDMQjfVi4aLt4ep8U3+I8xUDNC4K9AKjdr6Af62hKMPRRLnvTRSl"
    "EROTRxHA2L00JQYTMf2qFv/1T+wr/NQ6u/hw8fH86uIjHcK/5vbKhz+dj/aBcQg5PMNJ40"
    "9+X7VVZwTH2AeV/4/B2p2rphhXb3wEWfqVo8h6OKZB613wsfVndRngLtXvygIbT/acIfr+"
    "fQqUv3XG3S+d8Vs66h37SEKXobM6h+6tlnOP4e3ja+tLrPybGJlADhGVh3Tj66TbKAXqqw"
    "sJpK8uEoFmt8I4T9em6SlJWZiDNCWi3Ps6LgflcwmQzxMxPo9C7H5bZaoaU0wxYF9OeaU/"
    "lbwqS91Y29jKoKAlue3W4EXJ5ezi4n2llXhcEhQnfbleKo/6YkE/fw8ppHAqTwJXp4K/br"
    "wQfYq10OQVa56esV5y6Pv0G7HR8Z1KErMSVdL1YNT9NaNScojaiP97MDqDweib8q0/+aJ0"
    "x72b/oTR9tpIfD26wZRSZy0ZfdZKVmitqEYziGLNqb6ZYcHj+QZP9aW6SNgGhSkjotIc0p"
    "9dFhJic7eUVdkYpQB90+v2bzuDt2etpgO19cdCt3FQBhexXRB+wYatWPiPOMzX+lOidgqR"
    "laeHDqyG/tJqnZ9/aL0/v/p4efHhw+XH91t9FL+Vppiu+5+ZbgpN90RlJUY/2X4KU9UG/M"
    "KeAVMTs1+uqLZAddA7bA+fsO0MUUZVh0v6s/fiFM0q+gO1kbHYuIotBddJ/7Z3P+nc3rGP"
    "W1pUl3D8OpMeu9PiVzeRq2+vIip+ywSxxwxib9E/RkP+kFkRy34y+Sf64yb/aLDvpK5toh"
    "hUi6tawKz3rnqo/ckcErPngPXMLjyq0+dX1dSU0B1/eqwtbAo2Ytcu2adfxzjxSe96hr5S"
    "Fico/T+9+e5d9WdB0FxzXEV7QtR12dQVJseLtidIN5xJXSFSLUt/MpaY0ewFU2fLqK5QLX"
    "X6E+mI/XC6dbjUFSRianuvuBHjUVeA6FNJF/kYsgB0v+VRR4SChvy+D7iIT6COcK3UDVnv"
    "q72DQN1xhnWFi26urULn1ZgzrCtcriG7J159h0tdQTLxi45fFd3Gyz2BusOGRr/OmDPsU3"
    "51hSwUt1iRhT7d+6kY0mGM4+bHAW+jMEOn2Aemg+FvDt+6Qkl/KlZM+gFzrK0X+07BAeU2"
    "3jKrK2bcr7wnUr2XGluKuoaXK2Kz4DidW1NqE+37/PQZjjm/OiHH/IGkRZI8hOFbwYfuQt"
    "0oS9V8TsZ2ZOAJoX92I8xGbG5dZicZbRIDu2wtI8AuVUN94t+SsWPEQYepIMXOc6SmJNit"
    "VsraG7Uzxe6eLDExMHqdE8R8RhbSjTZSDaRqS91oIrJi4BOziUy8IqaN6StiItVNinvD8+"
    "biOXbFsYUkO0iyq8zqLiHJziSLBHx3p194tFXGutG5ue0P24j/ezBGd71xZzIat5H36sG4"
    "Gfd/69Erzv8HY9y7G40n7Ir3Kk/KxdmVhLDOovE4X1bsVlhUVLFSZSV44BEqB9UQrwefKC"
    "KlR0p1KDF5Cqjc9Irr0WgQioVe9yMR/uHX2+seRT2SfBGPUOPv9BFhqAtFpNOTlU+ELNe6"
    "iG4wjqvdS8jyJc/Y8CzYDA/QGB3kWURnMYfIolbIC32RJ91CyKCArItqbqKrnmThYRLLso"
    "DcGrnlVa/cmtDWgJ9yEj6tEhVoiKY85Vl5WySaQpIN1RBNLlQrphyLADWWBhaduXGAPxET"
    "U0P+V7yJ2SAJOShbRic2a5NcOPSyqb5u/Qzh9Up/P/3V2Nm/jqn6GPe7k4Zg9haArHQSVM"
    "VmriywoSWbAKxM3iLkLmQNnGKzyNyF+szQEE6vagGJjD8ATnT/quk23SIJj3FlAotzGlJG"
    "dV17EDeGuHHFgnsZA1bb9HVB0CqY2p4cuJoGR+0MXH2bE/RIyLOFVENDK3Vj/YLWhoVtZG"
    "NzaTGyBWI/DdkE2XOMnO3aG7/iQzxqVRDP3SGr38ObRw7XPyGOBXGs+riRvdPXDBVlRbfz"
    "c7IWGD+pJ1MTeex9RrVqAin6kGoxdQ0OUc+gYjvZol1U+5cxKLp8Qc0BF6VfZnpgJjMAuO"
    "GoMIQzGhDOAM97tRzEMp53GQcxnI+E039wPqtkkOB8Fvg3T9C/6QZdBd5NPxyb7Nv0Y78y"
    "VW9X9KlEDJ48P1VNdrwcefUOEFnb7W2efJOl1FMAsLkyMU+iV5GNp3NDn+qqISp9WyRr8H"
    "NWZFPZBD/n0fycK3Wzl49TSA/+TfBvVkm9wJmHI5x5AFdb8qwGVxu42napLXC1VcjVVl4N"
    "yYo9gKUMfCj8Jw0VVNg6qhskMMFEDYBC0y+lRkF4nIRLxO3BQwykeg6LX3g9Ab61RKzWwF"
    "uD2AhTWWjv0JzQH8NTtLYFBawFsUUekQI5yzhEQsntnKe7TWNcFPq8Me0GJfrdq3AZHQnu"
    "k1LdJ85MzbULj5DWcBt+IttuD5P0ffd0ilf5zK0IKZzHrbKcgyo3i5CDdCDhKks48CDNKO"
    "MwJSjs6ouZrspcQnbpQMSVFrG7V87fly2JHjz7iYfr941npbGBsNaOsBY4fw84s0suG1F3"
    "VMP+CenDDUEiwBVCFcerx7H0m7/sCW392shEsQ2v20oWOzlVaPerdnJIX783rQWO/sCMT/"
    "byBxbYbhf/yMDo/8gjIjPmfOeZ+U30qttz7msPZuq4h7F1A82IOWU1hrGBdBu9qhY/vY21"
    "uJu/cO6Zcx9X+vR5veIefObd519BfMtpShS/B47/Mh3/VC/Za4GxKVeJ16cusfPxXW940x"
    "9+Vjr39/3Pw9ue0081A/gCDm0Uv/ZgOK97N23kvaLXut3e3aR3o1z/XfEq+MavPRj9oXI3"
    "Hn2myu2+jQJvHozu6PZu0JswttuX9Gpn2O0NBvyq9/LBGI6U+y+jb23kvoiueKl80AuZdN"
    "CL5GzQi1gy6Ha1xuZNulMqRAheqUp7pbBFhcDz67CRK5IgoAeRV1rk7vJckOk2sUQ2n15A"
    "WkgZ6mNbveF29lKZ9ecpmfXn8cx6zSQrMpvlQl1EC7BLwZ5Qr22CvyfsKLcEdQA4TWv1/j"
    "YJKSwPxre3nb+9CymtwWj42RsegL07GF1HPb4mM/9yZR2EKCEkXeXnB48p55JymBKkXGUp"
    "T8lyxXw3uY5sRGhB0lWWtEEUa05JZjh3r54IixLdBEyYnbu7Qb/buR70sroIwtTM/g6+fz"
    "Bcd8HWb/BgdG5uuKeA/XswvnX6v7G3zv88ZnvxjXwCslDUJVkbouWbFvQWM9g73H06KzhX"
    "tNstl5FHXUZIQVtWWVu6RdVcd3jubJ5dbCCaLIjSh0HbvzqhND+QRrI0vErHe6+FFEaQ4r"
    "Yb/sKWgwxHEMhugexVSGMXL8g+3LEf2yJomuKcoxQvd5y0hgVkzmW8rcm+1gS83aYP2RLp"
    "hLSgYuIqxjPNnqhEcA4Nn0gPYEPJEihZwlisV1pOqYcpQepVkbrArI/XrICzCgfQoMG8QE"
    "lQQ6mEgGkc01BCpSSo4SRMeNTDMYVjHVMgXoHxPYGtW6HyKK5BNSgBq7PAC8D1fsvotBSC"
    "LK4hTbhHBTCocZWGetiMgrL7OcruKwvdKKj2/oByqs+KDoEF5fczQwbl949fd87ZvQhOom"
    "23NbsbiyrbrZTccTR23IsCgR43SEUek1+QblvIOd+DdNb5k6dhoplJlvyWV05ffAitAJ6C"
    "o2eRs2YmnmHmh3eL7ScfSgt43fjRsy1S9DacNyv1vJkvsxi2yWGXEFENAy5nUgnuZykJ7m"
    "fxBPcTPNk3uusNG9kQ5zRtxP5W6cxd8cl77mY5X9QhQgt5ZNVxOAvyqwPScp7ldF694IVg"
    "P5bWjSCNTYn9CbZXoEEBxH0qsgyhQcHRIueBnbc8rhEqQBYCFccLVHiTsQBsuwFWNUU3sn"
    "T3cKx7zoH93FL1q2ElFe7JApF0pOckEYKgw1EdnO7kEng4/WmX7OL0p7dMMw0Ts0Rd7oZ0"
    "3JFtVhVr/KmLLi8vLpG5XmCEv69UVvKc9QAlgR6hM94Rg5tNom4aRbLeXWMLXJSluijdeI"
    "W0d9IdX0PH5KWUY/IyxTF5GXdMgj2djD7Y02BP79ZdkEcJlnQFNopNSPmrSspfFQ3oaoaI"
    "yjV3QiaiwOiJmpAp2R3RkVK5Ha7M31ih4r9t9DonTfpn0+SFf5vUeNF4iWD3QC9ip0YZIS"
    "sJ/CRqKFg088yFhqMxTZbKEe8naOIXbAZTP8I8ws6pEMv4aLo3syjjKZVNfDSYaGWaaBUL"
    "hlf0wVJ1s0EqGm5iCqmVz16M0oKoKy1qf2U+bhR+MSbvZC+MkLiGLpmWlEumleKSaQlcMk"
    "HwTJLN/yUkriHyxed0+frpMVMZiihdDcE+yDSP7ODk4Q6R1RDtK5kWAVfJLQKuYi0CXMzo"
    "zxclru3EektXQ7APMrVZdeo4zunVrHPjW03LXrgHOkQxa2tKVrkLom6JS8yrnnzp3yujbv"
    "freNwbdjPXQo2Qt1HkwoPBL3SGN8qn0WAw+sYLo8avPRjfvowGPfo5437vvo2C76IOBqmF"
    "VHhjE+ah4EjHhJuaahskKzG19jhLqsDMWjyb4amtv+D8FQLTWEB0Q4C5C5NF1mbSIZzdSi"
    "zGpMqP6Ub36/1kdMsaNXmvHgyvdZPXrqnzmWqyvys3vU+dr4NJG4Xf59FOxZsL3mFKLcc6"
    "EdLCAhEsEE+Z5wBZRAoYi9LAqZZ5Emif1MqXPhGUuMRBJSIocaluyNpWbGKrAusrvb5ohB"
    "Sw3oF1njqiUEA0SwFRL14YR/iv96OhGOEgTXQK61Mb/RctdOsUVXEKtAyNdGM3atc2w058"
    "xiBq7Nq6KEcj8RHoDYdaYqIarbaeszhrlBDgFWzc1harjGMpuXFO4QCAJ5Y1h8LOB7XXVV"
    "YjJaNDyieCk94Z/FEObDkSDUKEUF2hykkGXFSmkjVeEiGDsEn2sMnUxJpucwgVFsHWzcx6"
    "LYkFaLkMWi6YE5lRz0VIQdNVWdNB37kfQ85wsqpxCBd1MKstW7WSOCUgDLVgSkQ2fAZCEt"
    "gwEeAKpy1LwdRN+MsEaogGUE3b42d9eMUJwSmX6CjKCm6UDKCF09dHO3299A/y7glt/Wpq"
    "RbEN743gaPuxutlA7b0s4MrV3ksyegvA+KtVb3zjhr4Exs7mtYgZHDh0P94yrSnWoS2/BM"
    "rbrVZ507hiGzNZZKObUqkpvDUSAN6dEzdqUO1RwsVJziywbOUdZ1gjvRGdp0dsAnUiE7a0"
    "+jfuXNtRBcefkXK1cJSVT7CzJM63uWrz6psa6zxksiZEK1XX0IyYSEVe+n6onA16y8ab5B"
    "WtKIFD9y5eD6dQzsLWR6Ef7WgSh2bbxSi5WE5kIBSqKatQjboka0MUfk1LwfeJIPme/+7k"
    "5HuIfRY3i8U1snPFPoOUgLAAYV8hy2MbogFUwXd8xB4YkWKEBXoyaoyyQDlKYO0s+wJQvt"
    "kyqim+IQWZ2couywxyXXU7zCDfoSdpBvluRYnWCAbChm1uWC8CVpjTWf5vLLRttMlPx7Hb"
    "IYPF+QxBy9ciGO7u98oLMEUtHbBnyrRnspbOgppZGWpmZS6WBVWyMlbJUnmpGIErMO3QgU"
    "9U4jEDT2mc7CkDsMyL0sdg4ZRk4chEYKB92HHjCfwA2JBw0cU30P7d9I2zf4xMcsOMHBLE"
    "SFjzL5a3oqHHDZqz4vbqE/39dHurGki3rDVv+cUP0Ihah+3BCTqFVWs3DN79w3r3k1Jldp"
    "WPremWGLqxVWY6n9whQU9YmQ+zRelgWy4wdtyHdDZow0SA625zx0WsAHun73M6MYhlDZ7w"
    "7JKJ6WxXegH41j3zN6oVKxVt8Ca3wEIKzPtk8yiwzKRMIzfN/I3lGSttpCLNVGd2k0UDtq"
    "bMq27P6Z0ndbXAlsWynn5yzHL6A5aP4kbLxTLfHWNwBgvyqSLJ9HQB2GsL0qnKNbhc6WQw"
    "CHyKOpTsiZTZbEmYA+et5EKbrViFaWdWC/GVaG2wpS6xt8HNuPNp0siGt0PEin/Tfw9G//"
    "7+a++mjZz/USUkI4mPEoL4mCiHj1BSdvdcl5nq8iVl81RGPnJJ5PeH3fMU5rQBh0IeqE/O"
    "oeBsu/LUlgoSQmWpKssYYrjFbWqh7tFhkIXo+DHyf+EcfuHn8KWyD/zA9b7JB6FQeU2AD2"
    "fTsVLu+4HkessGlFNdUYIjssdOaQlOsmSPrTcHd3ptlYU3cqfrdmRgfjIVa8ieU1yYZ3VK"
    "liummzTk1rxpJh1fZTcM8pM1J69ohgWpLsWz353/8nuwVA84Z0t1zj7Tn5XFY+WNr6G3qv"
    "jef8GvlQHjCFkNoT6XSoo5T0mKORfkiUNi10F9hJAvUa/CvxXbxx2gmqq3Sc5cTTVCCPBC"
    "ls8xs3yOUfWzYtNXFtvMRT8Dq70AfGtsT0eRjqvJSuVTxSUhsNOF4kq21lfOcCUyZ2Tyrc"
    "TFpHidqYDBjF5V3aafgGyCHrGXPKWJcqz2ZyhjmId8zJEGMyx5S6NTwnDfM+O9iWJJV0Eq"
    "MO4rYtzvzgs6BUO/0e0Mu73BoDPpj4ZtFHz3YAxHyv2X0TflU6/XRoE30bV0HNcAXa+sG5"
    "o1nWNtvchoVImJYZcqMgIeCXmmyieXkZVADUCnAO1EuzJ6YQTUe7tjKgZ48cfsQpCx/dpM"
    "N5c5OwSm84KEnyon/Ezp8/xJYHmnrjifCPyeO1YaJPYeOrEX2mXvmLcFlniBTN8f4qEQNc"
    "6zCDpKC4//KksaOgb/GHKGvO5GLatmV2zJQOL8qSB7rHyMmk9Y6MMM5zwqFWiFHqEVSheA"
    "QzRZ4M3dzPJITQoq9miThjlXj4JjpGydKMBSGVsyZ8GC5z1KPed0IsCX19eOLHS6a9jR0M"
    "Ed1ZTva+cTSCQFsU/WkEMT7sLwC3/tws5b1NEvsNCxxRJ5DPyKWMCOAixq61AYW4nCSww6"
    "aO5w1OpK6jJTcwdvfA2jUgfpPqBb268dV9dp8akwIcSossSoePTUVl6wmd0UFxODpyMOs4"
    "tQBmwDFOX5OA5VQ6lwTydEVn+EOMx6peUUc5gSxFxpMUO4rSgdCU7gCrXCcZ/gBXbBcWzk"
    "3/ydQU0kULIrwgNQyiMRQDuTY0IJbODkSo1Y6gvWkEvGnAmq61hoI922kK3TO020UjdkbX"
    "vvpio1yTTVRKw5zhP9jIQ6IwXyFroq3N/srBnvl4O34pjeihMxOSqPcKAoLjZFRaD+ej8a"
    "igHdEkQ3oPrURv/lLV9PENYUzBgUoV2n5+95e9v5W9QV1B2MrqPbScbgGow9sALACijWUw"
    "J9jQ6BbmjbI4lsiAZQBcv1eOlLfgi1wNwPP5BbU5RDCxgaRxWKbbUbRw3odxtvawE0BP6D"
    "yIhmmtMgUlpAzlHQ8QqDvrEQnSumjZbkhbfBtXQNc2PemZ/0vkFs3g/KLTKqWqzAaKiECU"
    "9YiDkMDvAZDwYx9SfdUBeIbbXRW97lAJ1dvmNdqkyyfpojt0IMckrEQEHTSjyXmykehplJ"
    "lspKnz6vVzmMszg1GGiVNtC4wLBFJcFVNF2teaUuYgLCr7Tw6a3cKz1KC6Kuuqj3XeUJLE"
    "DwlRa8iSmkVj5Xa5QWRF1xUXtmRz5hR6lB3JUWdzgknctfWUCOZ9UkXHh8UBcdVksE1hsO"
    "+bJxKL2Sq3E4UxPBg2QlpoEfRwsVmQUOdc2grtlJ1zVjc06c7pKcnhGkgQyNPTI0IHR/iG"
    "cglHOBuiOnhWvQLsyacCKkBZQhPQKqu5wCtlDdpWLVXcL6tACUa555Inz+VCr7pPeC+beP"
    "JZ04N5ppuSZ4O0TqKIq+XK45LVLXmm4jSmx6FS1UekO1MDLxbG1hC329Yy5Ofkjkpjfo0Z"
    "dvVYqw/vSEzXfi0yjFsX8wHox/WfiPfyHd4vQrbP7k6HlEDWiLmG2kLhZkyiYsWtMpaAZq"
    "dCCTvL6xEL393EQWQawar27Qz3ow3AH0y+kGS0piX4XempLlkl4jJmPEvpNKv6i1XmJkUI"
    "hNZD3rK5YCw3J73MGS9T3oj4gdmPm9wT/I6+7jNv0Jq9ptK6B4YaLMGTHX+tOPkhTzl1br"
    "/PxD6/351cfLiw8fLj++327L4rfS9mfX/c9si9YMGs67U2eYtDPB7xLUaUNciggC3nmGWQ"
    "zzZP+bN76GvrerCwnn29VFoveN3QqDS6bcXZknmBghhUhipSOJdOtATIU+mTO6pWJ0EPWK"
    "qygHpKxlpsJUNVRXByk25aBmElGMcRfWHlUNsS6+/V5wCyupLIIkoCeq47+uOazQoODAAG"
    "um/sIXdqZT9GGq8gO1jf+ZrY0pP8zyuNYXtm5YP7PP+99G+fvFg4RvmZWaSSDu+GqIgn1s"
    "bUQBkfSi9A5EzI5eCuuQznBWOGtzq5rPDYFD3L/ZTHOKm2yYsvTG7fSMf2GN3lXHgUzW9i"
    "P5jjgLNFcttFo/Us03xxrC6nTuOpjfWIh73i301v1Pp9TG938L/OOH+pDdRykTXcUVUUpV"
    "cBsf7CzlVrJKZtdwjLQ29WJL9hBDudFkgZhY1UbGYuMuu9N1aW7rDcYeVbIPsd0biZGBJ4"
    "T+Ofg24qgq8WCbiL02Bn0NL1fEZh85xlNihh9liYNSNwq6P1wx/fE7NwwT+gyf6aZl8yAx"
    "awPBCi+yxzI3YSz6sOYxZ3rxGW9+4cFk29ywv2vTsFj0WX2iyMZ3CYVy3h2cpjygmuNR9w"
    "dMAjFUk/3U7vAaOqgPEgwgKwaIMNcvGeMQUQ2RLj5K7B4SVqgpM8+CdJQOwJYC2xJ2Ukn2"
    "6/kUcBoG6pVCJgTUKwVX7dEBPn1XbQeb+nTeEJhh7p1mmu2l+mN22VvJmO7h/ARrpsza9M"
    "l7wOTi9HXY/rUuL2WsmsvLZKuG3YsEE+miyoCwO7yG6J5J2YxnKTbjWdxmpJ9ou4cqZDfY"
    "ARLYYWfcYe/lst33Yfbn/wOgahk+"
)
